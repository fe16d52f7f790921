package org.trustgov.policy.register;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.versions.VersionStatus;

/**
 * One line of the policy register, everything the policies page shows about a policy in one read.
 *
 * @param inForceSince when the version in force was published; {@code null} when none is
 * @param takesEffect  the effective date of the version in force (a date still ahead: published, not yet in force)
 * @param inProgress   versions being written or decided that the caller may see (drafts and approved versions only
 *                     for authors and governance), newest first
 * @param you          where the caller stands on the version in force; {@code null} for callers who are not staff
 */
public record RegisterEntry(
        String code,
        String title,
        String owner,
        Policy.Status status,
        String publishedVersion,
        Instant inForceSince,
        LocalDate takesEffect,
        @Size(max = Policy.MAX_VERSIONS) List<VersionInProgress> inProgress,
        YourStanding you) {

    public record VersionInProgress(String number, VersionStatus status) {}

    /**
     * @param toAcknowledge     the version in force, when the caller still owes an acknowledgement of its major
     * @param lastAcknowledged  the newest version the caller acknowledged, and when
     */
    public record YourStanding(String toAcknowledge, String lastAcknowledged, Instant lastAcknowledgedAt) {}
}
