package org.trustgov.policy.impact;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.attestations.AttestationService;
import org.trustgov.policy.attestations.AttestationViews;
import org.trustgov.policy.resources.ResourceService;
import org.trustgov.policy.resources.SignpostingResource;
import org.trustgov.policy.versions.VersionComparison;
import org.trustgov.policy.versions.VersionContent;
import org.trustgov.policy.versions.VersionService;
import org.trustgov.problem.NotFoundException;
import org.trustgov.starter.Batches;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * What a version's changes touch, before it is approved (issue 28): for each clause it changes, adds or removes
 * against the version in force, the published modules that cite it (with their completions, from training-service)
 * and the open incidents that cite it (from audit-service), and the signposting resources linked to it (this
 * service's own), beside who acknowledged the wording in force, by
 * department. Each other service is asked once for every clause, through its Feign client and Resilience4j guards;
 * one that cannot answer is named in {@code missing} and its part left out, and the rest is still answered.
 */
@Service
public class VersionImpacts {

    /** How a clause differs from the version in force. */
    public enum Change {
        CHANGED,
        ADDED,
        REMOVED
    }

    /** A signposting resource linked to a clause. */
    public record LinkedResource(String id, String name) {}

    /**
     * One touched clause: the modules citing it, the open incidents citing it ({@code null}: not known), and the
     * signposting resources linked to it.
     */
    public record ClauseImpact(
            String number,
            Change change,
            @ArraySchema(maxItems = 1_000) List<ImpactClients.Training.CitingModule> modules,
            Long openIncidents,

            @ArraySchema(maxItems = SignpostingResource.MAX_RESOURCES)
            List<LinkedResource> resources) {}

    public record VersionImpact(
            String policyCode,
            String inForce,
            String version,
            AttestationViews.Coverage acknowledgedInForce,

            @ArraySchema(maxItems = 3 * VersionContent.MAX_CLAUSES)
            List<ClauseImpact> clauses,

            @ArraySchema(maxItems = 2) List<String> missing) {}

    private final VersionService versions;
    private final AttestationService attestations;
    private final ImpactClients.Training training;
    private final ImpactClients.Audit audit;
    private final GuardedCalls guarded;
    private final ResourceService resources;

    VersionImpacts(
            VersionService versions,
            AttestationService attestations,
            ImpactClients.Training training,
            ImpactClients.Audit audit,
            GuardedCalls guarded,
            ResourceService resources) {
        this.resources = resources;
        this.versions = versions;
        this.attestations = attestations;
        this.training = training;
        this.audit = audit;
        this.guarded = guarded;
    }

    /**
     * The most clauses one call names: the services refuse a query parameter repeated more often
     * ({@code trustgov.web.max-parameter-values}, 20 by default), so a change touching more is asked in turns.
     */
    static final int CLAUSES_PER_CALL = 20;

    public VersionImpact of(String code, String number, Caller caller) {
        var version = versions.get(code, number, caller);
        VersionService.Versioned inForce;
        try {
            inForce = versions.current(code);
        } catch (NotFoundException nothingInForce) {
            return new VersionImpact(code, null, number, null, List.of(), List.of());
        }
        VersionComparison diff = VersionComparison.between(inForce.version(), version.version());
        Map<String, Change> touched = new LinkedHashMap<>();
        diff.changed().forEach(c -> touched.put(c.number(), Change.CHANGED));
        diff.added().forEach(c -> touched.put(c.number(), Change.ADDED));
        diff.removed().forEach(c -> touched.put(c.number(), Change.REMOVED));
        List<String> missing = new ArrayList<>();
        List<String> clauses = List.copyOf(touched.keySet());
        ImpactClients.Training.ClauseImpact modules = null;
        ImpactClients.Audit.ClauseIncidents incidents = null;
        if (!clauses.isEmpty()) {
            try {
                List<ImpactClients.Training.CitingModule> citing = new ArrayList<>();
                for (List<String> some : Batches.of(clauses, CLAUSES_PER_CALL)) {
                    var answer = guarded.call("training-impact", () -> training.clauses(code, some));
                    if (answer != null && answer.modules() != null) {
                        citing.addAll(answer.modules()); // a module lists, per call, the clauses of that call
                    }
                }
                modules = new ImpactClients.Training.ClauseImpact(code, citing);
            } catch (RuntimeException down) {
                missing.add("training-service: the modules citing these clauses could not be read just now");
            }
            try {
                Map<String, Long> open = new LinkedHashMap<>();
                for (List<String> some : Batches.of(clauses, CLAUSES_PER_CALL)) {
                    var answer = guarded.call("audit-impact", () -> audit.clauses(code, some));
                    if (answer != null && answer.openIncidents() != null) {
                        open.putAll(answer.openIncidents());
                    }
                }
                incidents = new ImpactClients.Audit.ClauseIncidents(code, open);
            } catch (RuntimeException down) {
                missing.add("audit-service: the open incidents citing these clauses could not be read just now");
            }
        }
        List<SignpostingResource> linked = clauses.isEmpty() ? List.of() : resources.citing(code, clauses);
        List<ClauseImpact> impact = new ArrayList<>();
        for (var clause : touched.entrySet()) {
            List<LinkedResource> resourcesCiting = linked.stream()
                    .filter(r -> r.getClauses().stream()
                            .anyMatch(c -> c.policyCode().equals(code)
                                    && c.clauseNumber().equals(clause.getKey())))
                    .map(r -> new LinkedResource(r.getId(), r.getName()))
                    .toList();
            List<ImpactClients.Training.CitingModule> citing = modules == null || modules.modules() == null
                    ? null
                    : modules.modules().stream()
                            .filter(m -> m.clauses() != null && m.clauses().contains(clause.getKey()))
                            .toList();
            Long open = incidents == null || incidents.openIncidents() == null
                    ? null
                    : incidents.openIncidents().getOrDefault(clause.getKey(), 0L);
            impact.add(new ClauseImpact(clause.getKey(), clause.getValue(), citing, open, resourcesCiting));
        }
        return new VersionImpact(
                code, inForce.version().getNumber(), number, attestations.coverage(code, caller), impact, missing);
    }
}
