package org.trustgov.policy.notices;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.trustgov.policy.consultation.ConsultationService;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.versions.PolicyVersion;
import org.trustgov.policy.versions.VersionService;

/**
 * What the policy side asks of whom, for training-service's daily reminders: everyone, when a version opens for
 * consultation; a comment's author, when someone answered it; a version's author and governance, when its review is
 * due within 90 days or overdue.
 */
@Service
public class PolicyAttention {

    /** Everyone active on the roster, or the governance team's mailbox. */
    public enum Audience {
        PERSON,
        EVERYONE,
        GOVERNANCE
    }

    public enum Kind {
        CONSULTATION_OPENED,
        COMMENT_ANSWERED,
        REVIEW_DUE
    }

    /**
     * @param staffNumber for {@code PERSON}
     * @param subject     what it is about: {@code <code>/<version>}, a comment's id, or a policy code
     * @param since       the day it began (a consultation opened, a comment answered)
     * @param dueOn       a review's due date
     * @param policyVersion the version it is about, {@code <code>/<version>}: where the person settles it (a
     *     comment's id alone does not say which consultation it was made in)
     */
    public record Item(
            Audience audience,
            String staffNumber,
            Kind kind,
            String subject,
            String title,
            LocalDate since,
            LocalDate dueOn,
            String policyVersion) {}

    /** How far back an answered comment is still told, and how far ahead a review. */
    static final long ANSWERED_DAYS = 30;

    static final long REVIEW_DAYS = 90;

    private final VersionService versions;
    private final PolicyService policies;
    private final ConsultationService consultation;
    private final Clock clock;

    PolicyAttention(VersionService versions, PolicyService policies, ConsultationService consultation, Clock clock) {
        this.versions = versions;
        this.policies = policies;
        this.consultation = consultation;
        this.clock = clock;
    }

    public List<Item> items() {
        Instant now = clock.instant();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<Item> items = new ArrayList<>();
        Map<String, Policy> byCode =
                policies.all().stream().collect(Collectors.toMap(Policy::getCode, Function.identity()));
        for (VersionService.Versioned open : versions.inConsultation()) {
            PolicyVersion v = open.version();
            Instant opened = v.getTransitions().stream()
                    .filter(t -> t.to() == org.trustgov.policy.versions.VersionStatus.IN_REVIEW)
                    .map(t -> t.at())
                    .max(Instant::compareTo)
                    .orElse(now);
            items.add(new Item(
                    Audience.EVERYONE,
                    null,
                    Kind.CONSULTATION_OPENED,
                    open.policy().getCode() + "/" + v.getNumber(),
                    open.policy().getTitle() + " (version " + v.getNumber() + ")",
                    utc(opened),
                    null,
                    open.policy().getCode() + "/" + v.getNumber()));
        }
        for (ConsultationService.Answered a : consultation.answeredSince(now.minus(ANSWERED_DAYS, ChronoUnit.DAYS))) {
            if (a.authorStaffNumber() == null) {
                continue;
            }
            Policy policy = byCode.get(a.policyCode());
            String title = (policy == null ? a.policyCode() : policy.getTitle()) + " (version " + a.version() + ")";
            items.add(new Item(
                    Audience.PERSON,
                    a.authorStaffNumber(),
                    Kind.COMMENT_ANSWERED,
                    a.commentId(),
                    title,
                    utc(a.at()),
                    null,
                    a.policyCode() + "/" + a.version()));
        }
        for (Policy policy : byCode.values()) {
            if (policy.isRetired()) {
                continue;
            }
            versions.inForce(policy)
                    .filter(v -> v.getReviewDue() != null && !v.getReviewDue().isAfter(today.plusDays(REVIEW_DAYS)))
                    .ifPresent(v -> {
                        String title = policy.getTitle() + " (version " + v.getNumber() + ")";
                        items.add(new Item(
                                Audience.GOVERNANCE,
                                null,
                                Kind.REVIEW_DUE,
                                policy.getCode(),
                                title,
                                null,
                                v.getReviewDue(),
                                policy.getCode() + "/" + v.getNumber()));
                        if (v.getAuthor() != null && v.getAuthor().staffNumber() != null) {
                            items.add(new Item(
                                    Audience.PERSON,
                                    v.getAuthor().staffNumber(),
                                    Kind.REVIEW_DUE,
                                    policy.getCode(),
                                    title,
                                    null,
                                    v.getReviewDue(),
                                    policy.getCode() + "/" + v.getNumber()));
                        }
                    });
        }
        return items;
    }

    private static LocalDate utc(Instant at) {
        return at == null ? null : at.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
