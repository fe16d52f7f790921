package org.trustgov.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.trustgov.starter.mongo.ScheduledJobs;

/** Listing as of a later day is for rehearsals only: the prod profile refuses to start with it. */
class DisposalRehearsalTest {

    private final ScheduledJobs jobs = new ScheduledJobs(lock -> Optional.empty(), Clock.systemUTC());

    @Test
    void aRehearsalNeverStartsUnderTheProdProfile() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("prod");
        assertThatThrownBy(() ->
                        new DisposalJobs.Proposals(null, Clock.systemUTC(), jobs, Duration.ofDays(1), true, production))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("trustgov.retention.rehearsal lists records as of a later day: it is for test platforms "
                        + "and rehearsals on a copy, never with the prod profile");
    }

    @Test
    void outsideARehearsalNothingIsListedAsOfALaterDay() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("prod");
        DisposalJobs.Proposals live =
                new DisposalJobs.Proposals(null, Clock.systemUTC(), jobs, Duration.ofDays(1), false, production);
        assertThat(live.rehearsing()).isFalse();
        assertThatThrownBy(() -> live.sweepAsOf(Clock.systemUTC().instant().plus(Duration.ofDays(4000))))
                .isInstanceOf(IllegalStateException.class);

        MockEnvironment test = new MockEnvironment();
        assertThat(new DisposalJobs.Proposals(null, Clock.systemUTC(), jobs, Duration.ofDays(1), true, test)
                        .rehearsing())
                .isTrue();
    }
}
