package org.trustgov.policy.attestations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * Headcounts per department from training-service, or nothing when it cannot answer: the call is retried (it is a
 * read), cut off by a time limit, and skipped while the circuit breaker is open, all configured under
 * {@code resilience4j.*.instances.training-roster}. An empty result means "not known now", never "no staff".
 */
@Component
public class RosterHeadcounts {

    static final String NAME = "training-roster";
    private static final Logger log = LoggerFactory.getLogger(RosterHeadcounts.class);

    private final TrainingRosterClient client;
    private final GuardedCalls guarded;

    RosterHeadcounts(TrainingRosterClient client, GuardedCalls guarded) {
        this.client = client;
        this.guarded = guarded;
    }

    public Optional<Map<String, Long>> byDepartment() {
        try {
            List<TrainingRosterClient.DepartmentHeadcount> counts = guarded.call(NAME, client::headcount);
            return Optional.of(counts.stream()
                    .filter(c -> c.department() != null && c.active() != null)
                    .collect(Collectors.toMap(
                            TrainingRosterClient.DepartmentHeadcount::department,
                            TrainingRosterClient.DepartmentHeadcount::active,
                            Long::sum)));
        } catch (RuntimeException e) {
            log.warn(
                    "training-service roster unavailable ({}); coverage is reported without outstanding counts",
                    e.toString());
            return Optional.empty();
        }
    }
}
