package org.trustgov.policy.versions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.trustgov.policy.policies.Policy;

/** A version as callers read it, with its status read against the policy's published pointer. */
public record VersionView(String policyCode, String number, VersionStatus status, List<Clause> clauses,
        String changeSummary, LocalDate effectiveDate, LocalDate reviewDue, Person author, Person approver,
        String contentHash, Instant publishedAt, List<Transition> transitions) {

    public static VersionView of(PolicyVersion v, Policy policy) {
        return new VersionView(v.getPolicyCode(), v.getNumber(), v.effectiveStatus(policy), v.getClauses(),
                v.getChangeSummary(), v.getEffectiveDate(), v.getReviewDue(), v.getAuthor(), v.getApprover(),
                v.getContentHash(), v.getPublishedAt(), v.getTransitions());
    }
}
