package org.trustgov.policy.reviews;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Period;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.policy.policies.Policy;
import org.trustgov.problem.BadRequestException;
import org.trustgov.starter.validation.Periods;

@RestController
@Tag(name = "Review reminders", description = "Policies whose review is due")
public class ReviewController {

    private final ReviewReminders reminders;

    ReviewController(ReviewReminders reminders) {
        this.reminders = reminders;
    }

    @GetMapping("/api/policy/reviews/due")
    @PreAuthorize("hasAnyRole('governance', 'policy-author')")
    @Operation(
            summary = "Policies due for review within a window, or overdue",
            description =
                    "Governance and policy authors. `within` is an ISO-8601 period from P0D to P10Y, e.g. P90D (the default).")
    @ApiResponse(
            responseCode = "200",
            description = "The versions in force due for review, soonest first (one per policy at most)",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = Policy.MAX_POLICIES,
                                            schema = @Schema(implementation = ReviewReminders.ReviewDue.class))))
    public List<ReviewReminders.ReviewDue> due(
            @Parameter(example = "P90D") @RequestParam(defaultValue = "P90D") String within) {
        String problem = Periods.problem(within, Period.ZERO, Period.ofYears(10));
        if (problem != null) {
            throw new BadRequestException("within", problem);
        }
        return reminders.dueWithin(Period.parse(within));
    }
}
