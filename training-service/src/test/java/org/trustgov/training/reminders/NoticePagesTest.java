package org.trustgov.training.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class NoticePagesTest {

    @Test
    void eachNoticeOpensThePageWhereItIsSettled() {
        assertThat(NoticePages.of(Reason.ASSIGNED, "SM-TRAIN", null)).isEqualTo("/training.html");
        assertThat(NoticePages.of(Reason.OVERDUE, "SM-TRAIN", null)).isEqualTo("/training.html");
        assertThat(NoticePages.of(Reason.TEAM_OVERDUE, "team", null)).isEqualTo("/compliance.html");
        assertThat(NoticePages.of(Reason.ACKNOWLEDGEMENT_OWED, "SM-001/2", null))
                .isEqualTo("/policy.html?code=SM-001");
        assertThat(NoticePages.of(Reason.REVIEW_OVERDUE, "SM-001", "SM-001/1.4"))
                .isEqualTo("/policy.html?code=SM-001");
        assertThat(NoticePages.of(Reason.CONSULTATION_OPENED, "SM-003/2.0", "SM-003/2.0"))
                .isEqualTo("/consultation.html?code=SM-003&version=2.0");
        assertThat(NoticePages.of(Reason.COMMENT_ANSWERED, "c-1", "SM-003/2.0"))
                .isEqualTo("/consultation.html?code=SM-003&version=2.0");
        assertThat(NoticePages.of(Reason.SIGNAL_RAISED, "signal-key", null)).isEqualTo("/reports.html");
        assertThat(NoticePages.of(Reason.CASE_HELD_BY_LEAVER, "leaver/k", null)).isEqualTo("/incidents.html");
    }

    @Test
    void aCaseNoticeSaysNothingOfTheCaseInItsLinkEither() {
        for (Reason reason : EnumSet.of(
                Reason.CASE_INVESTIGATOR, Reason.CASE_ACTION, Reason.CASE_ACTION_OVERDUE, Reason.CASE_APPEAL)) {
            assertThat(NoticePages.of(reason, "opaque-case-key", null))
                    .as(reason.name())
                    .isEqualTo("/#todo");
        }
        assertThat(NoticePages.of(Reason.CASE_OUTCOME, "opaque-case-key", null)).isEqualTo("/my-records.html");
    }

    @Test
    void everyReasonHasAPageAndOddSubjectsStayInsideTheirParameter() {
        for (Reason reason : Reason.values()) {
            assertThat(NoticePages.of(reason, "X-1/2.0", "X-1/2.0"))
                    .as(reason.name())
                    .startsWith("/");
        }
        assertThat(NoticePages.of(Reason.ACKNOWLEDGEMENT_OWED, "A&B=C #1/2", null))
                .isEqualTo("/policy.html?code=A%26B%3DC%20%231");
        assertThat(NoticePages.of(Reason.CONSULTATION_OPENED, "a/b/2.0?x", null))
                .isEqualTo("/consultation.html?code=a%2Fb&version=2.0%3Fx");
    }

    @Test
    void aNoticeThatCannotSayWhereHasNoLinkRatherThanAWrongOne() {
        // an answer told before the notice kept which consultation it was in
        assertThat(NoticePages.of(Reason.COMMENT_ANSWERED, "c-1", null)).isNull();
        assertThat(NoticePages.of(Reason.CONSULTATION_OPENED, "no-version", null))
                .isNull();
        assertThat(NoticePages.of(Reason.CONSULTATION_OPENED, "SM-003/", null)).isNull();
        assertThat(NoticePages.of(Reason.CONSULTATION_OPENED, "/2.0", null)).isNull();
        assertThat(NoticePages.of(Reason.REVIEW_DUE, null, null)).isNull();
    }
}
