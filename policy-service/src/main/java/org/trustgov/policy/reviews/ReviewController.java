package org.trustgov.policy.reviews;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Sort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.policy.policies.PolicyRepository;
import org.trustgov.policy.versions.VersionRepository;
import org.trustgov.starter.problem.BadRequestException;

@RestController
@Tag(name = "Review reminders", description = "Policies whose review is due")
public class ReviewController {

    /** A published policy whose review is due by the end of the window (or overdue). */
    public record ReviewDue(String policyCode, String title, String owner, String version, LocalDate reviewDue,
            boolean overdue) {
    }

    private final PolicyRepository policies;
    private final VersionRepository versions;
    private final Clock clock;

    ReviewController(PolicyRepository policies, VersionRepository versions, Clock clock) {
        this.policies = policies;
        this.versions = versions;
        this.clock = clock;
    }

    @GetMapping("/api/policy/reviews/due")
    @PreAuthorize("hasAnyRole('governance', 'policy-author')")
    @Operation(summary = "Policies due for review within a window, or overdue",
            description = "Governance and policy authors. `within` is an ISO-8601 period, e.g. P90D (the default).")
    public List<ReviewDue> due(@Parameter(example = "P90D") @RequestParam(defaultValue = "P90D") String within) {
        Period window;
        try {
            window = Period.parse(within);
        } catch (RuntimeException e) {
            throw new BadRequestException("within", "must be an ISO-8601 period such as P90D or P6M");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate horizon = today.plus(window);
        return policies.findAll(Sort.by("code")).stream()
                .filter(p -> !p.isRetired() && p.getPublishedVersion() != null)
                .flatMap(p -> versions.findByPolicyCodeAndNumber(p.getCode(), p.getPublishedVersion()).stream()
                        .filter(v -> v.getReviewDue() != null && !v.getReviewDue().isAfter(horizon))
                        .map(v -> new ReviewDue(p.getCode(), p.getTitle(), p.getOwner(), v.getNumber(), v.getReviewDue(),
                                v.getReviewDue().isBefore(today))))
                .sorted(Comparator.comparing(ReviewDue::reviewDue))
                .toList();
    }

}
