package org.trustgov.audit.incidents;

import feign.FeignException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.trustgov.audit.incidents.IncidentTypes.BreachedClause;
import org.trustgov.audit.incidents.IncidentTypes.ModuleStatus;
import org.trustgov.audit.incidents.IncidentTypes.SnapshotState;
import org.trustgov.audit.incidents.IncidentTypes.TrainingSnapshot;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * The subject's training on the modules that teach the breached policies, read from training-service. When it
 * cannot answer the snapshot stays PENDING (and {@link PendingSnapshots} fills it in later); that is never a reason
 * to refuse a report.
 */
@Component
public class TrainingSnapshots {

    static final String GUARD = "training-records";
    private static final Logger log = LoggerFactory.getLogger(TrainingSnapshots.class);

    private final TrainingRecordClient client;
    private final GuardedCalls guarded;
    private final Clock clock;

    TrainingSnapshots(TrainingRecordClient client, GuardedCalls guarded, Clock clock) {
        this.client = client;
        this.guarded = guarded;
        this.clock = clock;
    }

    TrainingSnapshot take(String staffNumber, List<BreachedClause> clauses) {
        Set<String> policies = clauses.stream().map(BreachedClause::policyCode).collect(Collectors.toSet());
        try {
            TrainingRecordClient.PersonCompliance person = guarded.call(GUARD, () -> client.person(staffNumber));
            List<ModuleStatus> modules = person.modules() == null
                    ? List.of()
                    : person.modules().stream()
                            .filter(m -> policies.contains(m.policyCode()))
                            .map(m -> new ModuleStatus(
                                    m.moduleCode(),
                                    m.moduleVersion(),
                                    m.status(),
                                    m.latest() == null ? null : m.latest().policyVersion(),
                                    m.latest() == null ? null : m.latest().completedAt(),
                                    m.latest() == null ? null : m.latest().expiresAt()))
                            .limit(TrainingSnapshot.MAX_MODULES)
                            .toList();
            Boolean compliant = modules.isEmpty()
                    ? null
                    : modules.stream().allMatch(m -> "COMPLIANT".equals(m.status()) || "DUE_SOON".equals(m.status()));
            return new TrainingSnapshot(
                    SnapshotState.RECORDED, clock.instant(), person.department(), compliant, modules);
        } catch (FeignException.NotFound e) {
            return new TrainingSnapshot(SnapshotState.NOT_ON_ROSTER, clock.instant(), null, null, List.of());
        } catch (RuntimeException e) {
            // No staff number here: next to an incident it would name the subject in the logs.
            log.warn(
                    "training-service could not give the subject's training ({}); the snapshot will be taken later",
                    e.toString());
            return TrainingSnapshot.pending();
        }
    }
}
