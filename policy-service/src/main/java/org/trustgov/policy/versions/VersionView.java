package org.trustgov.policy.versions;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.trustgov.policy.policies.Policy;

/**
 * A version as callers read it, its status and publication read off the policy ({@link PolicyVersion#status}).
 *
 * @param editors everyone who wrote the version; none of them may approve it
 */
public record VersionView(
        String policyCode,
        String number,
        VersionStatus status,
        @Size(max = VersionContent.MAX_CLAUSES) List<Clause> clauses,
        String changeSummary,
        LocalDate effectiveDate,
        LocalDate reviewDue,
        Person author,
        @Size(max = PolicyVersion.MAX_EDITORS) List<Person> editors,
        Person approver,
        String contentHash,
        Instant publishedAt,
        @Size(max = PolicyVersion.MAX_HISTORY) List<Transition> transitions) {

    public static VersionView of(PolicyVersion v, Policy policy) {
        return new VersionView(
                v.getPolicyCode(),
                v.getNumber(),
                v.status(policy),
                v.getClauses(),
                v.getChangeSummary(),
                v.getEffectiveDate(),
                v.getReviewDue(),
                v.getAuthor(),
                v.getEditors(),
                v.getApprover(),
                v.contentHash(policy),
                v.publishedAt(policy),
                v.history(policy));
    }
}
