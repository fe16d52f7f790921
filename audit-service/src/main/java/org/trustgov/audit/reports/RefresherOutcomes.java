package org.trustgov.audit.reports;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.trustgov.audit.incidents.IncidentSignals;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * Did a targeted refresher help? For each (from training-service, through {@code training-refreshers}): the incidents
 * citing its clause in its department for the same length of time before and after it was assigned (counted as the
 * cluster rule counts them), and how many of its group completed the module since. Small numbers are shown as such:
 * no percentage change from fewer incidents than {@code trustgov.signals.small-numbers}, and no completion figures
 * for a group smaller than that, so no one is identifiable.
 */
@Service
public class RefresherOutcomes {

    private static final Logger log = LoggerFactory.getLogger(RefresherOutcomes.class);

    /** The most refreshers the report holds (training-service lists at most this many). */
    static final int MAX_REFRESHERS = 500;

    @Schema(
            description =
                    "How many of the group completed the module since it was assigned; null figures: too few to show")
    public record Completion(
            @Schema(description = "True when the group is smaller than the small-number threshold")
            boolean suppressed,

            Long assigned,
            Long completed,
            Double percent) {}

    @Schema(description = "One targeted refresher, with incidents before and after it and its group's completion")
    public record Outcome(
            String refresherId,
            String policyCode,
            String clause,
            String department,
            String moduleCode,
            int moduleVersion,
            Instant assignedAt,
            Instant dueAt,

            @Schema(description = "The length of each window, in whole days: assignment to now")
            long days,

            @Schema(description = "Incidents citing the clause in the department in the window before")
            long incidentsBefore,

            @Schema(description = "Incidents citing the clause in the department since")
            long incidentsAfter,

            @Schema(description = "Change from before to after, in percent; null when too few before to compare")
            Double changePercent,

            Completion completion) {}

    @Schema(description = "Targeted refreshers and their outcomes")
    public record Report(
            int smallNumbers,
            @ArraySchema(maxItems = MAX_REFRESHERS) List<Outcome> refreshers,

            @ArraySchema(
                    maxItems = 1,
                    schema = @Schema(description = "A service that could not answer: training-service"))
            List<String> missing) {}

    private final TrainingRefreshersClient training;
    private final GuardedCalls guarded;
    private final IncidentSignals signals;
    private final Clock clock;

    RefresherOutcomes(TrainingRefreshersClient training, GuardedCalls guarded, IncidentSignals signals, Clock clock) {
        this.training = training;
        this.guarded = guarded;
        this.signals = signals;
        this.clock = clock;
    }

    /** The outcomes of every department's refreshers, or of {@code department}'s alone. */
    public Report report(String department) {
        int small = signals.rule().smallNumbers();
        List<TrainingRefreshersClient.Refresher> refreshers;
        try {
            refreshers = guarded.call("training-refreshers", training::refreshers);
        } catch (RuntimeException e) {
            log.warn("training-service could not list the targeted refreshers ({})", e.toString());
            return new Report(small, List.of(), List.of("training-service"));
        }
        Instant now = clock.instant();
        List<Outcome> outcomes = new ArrayList<>();
        for (TrainingRefreshersClient.Refresher r :
                refreshers == null ? List.<TrainingRefreshersClient.Refresher>of() : refreshers) {
            if (department != null && !department.equals(r.department())) {
                continue;
            }
            if (outcomes.size() == MAX_REFRESHERS) {
                break;
            }
            Duration window = r.assignedAt().isAfter(now) ? Duration.ZERO : Duration.between(r.assignedAt(), now);
            long before = signals.citing(
                    r.policyCode(), r.clause(), r.department(), r.assignedAt().minus(window), r.assignedAt());
            long after = signals.citing(r.policyCode(), r.clause(), r.department(), r.assignedAt(), now);
            Completion completion = r.assigned() < small
                    ? new Completion(true, null, null, null)
                    : new Completion(
                            false,
                            r.assigned(),
                            r.completed(),
                            Math.round(r.completed() * 1000.0 / r.assigned()) / 10.0);
            outcomes.add(new Outcome(
                    r.id(),
                    r.policyCode(),
                    r.clause(),
                    r.department(),
                    r.moduleCode(),
                    r.moduleVersion(),
                    r.assignedAt(),
                    r.dueAt(),
                    window.toDays(),
                    before,
                    after,
                    before < small ? null : Math.round((after - before) * 1000.0 / before) / 10.0,
                    completion));
        }
        return new Report(small, outcomes, List.of());
    }
}
