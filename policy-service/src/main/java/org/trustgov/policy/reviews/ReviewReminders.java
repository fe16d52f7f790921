package org.trustgov.policy.reviews;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.versions.VersionService;

/** Which policies in force are due for review within a window, or overdue. */
@Service
public class ReviewReminders {

    /** A published policy whose review is due by the end of the window (or overdue). */
    public record ReviewDue(
            String policyCode, String title, String owner, String version, LocalDate reviewDue, boolean overdue) {}

    private final PolicyService policies;
    private final VersionService versions;
    private final Clock clock;

    ReviewReminders(PolicyService policies, VersionService versions, Clock clock) {
        this.policies = policies;
        this.versions = versions;
        this.clock = clock;
    }

    public List<ReviewDue> dueWithin(Period window) {
        LocalDate today = LocalDate.now(clock);
        LocalDate horizon = today.plus(window);
        return policies.all().stream()
                .flatMap(p -> versions.inForce(p).stream()
                        .filter(v ->
                                v.getReviewDue() != null && !v.getReviewDue().isAfter(horizon))
                        .map(v -> new ReviewDue(
                                p.getCode(),
                                p.getTitle(),
                                p.getOwner(),
                                v.getNumber(),
                                v.getReviewDue(),
                                v.getReviewDue().isBefore(today))))
                .sorted(Comparator.comparing(ReviewDue::reviewDue))
                .toList();
    }
}
