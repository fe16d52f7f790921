package org.trustgov.training.modules;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.ConflictException;
import org.trustgov.problem.ServiceUnavailableException;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * Modules that need review: a published module cites a clause that a newer approved (or published) version of its
 * policy changed or removed. A minor version does not end anyone's completion, but what the module teaches may now be
 * wrong, so governance is told. It is worked out, not stored: from policy-service's versions and their comparison
 * (guarded by {@code policy-versions}), so it appears as soon as the version is approved, whatever happened to either
 * service, and it clears when the module is republished against that version or governance confirms it still holds.
 */
@Service
public class ModuleReviews {

    private static final Logger log = LoggerFactory.getLogger(ModuleReviews.class);

    /** The most comparisons kept (approved and published versions never change, so neither do their comparisons). */
    private static final int CACHED_COMPARISONS = 1_000;

    @Schema(description = "A published module citing clauses a newer approved or published policy version changed")
    public record NeedsReview(
            String moduleCode,
            int moduleVersion,
            String title,
            String policyCode,

            @Schema(description = "The policy version the module teaches")
            String taughtVersion,

            @Schema(description = "The newer version that changed what it cites")
            String newerVersion,

            @Schema(description = "APPROVED or PUBLISHED") String newerStatus,

            @ArraySchema(
                    maxItems = ModuleRequest.MAX_CITED * (ModuleRequest.MAX_SECTIONS + ModuleRequest.MAX_QUESTIONS))
            SortedSet<String> clauses) {}

    @Schema(description = "The modules needing review, and a service that could not answer")
    public record Reviews(
            @ArraySchema(maxItems = TrainingModule.MAX_MODULES)
            List<NeedsReview> modules,

            @ArraySchema(maxItems = 1, schema = @Schema(description = "policy-service"))
            List<String> missing) {}

    private final ModuleService modules;
    private final PolicyClient policies;
    private final GuardedCalls guarded;
    private final MongoTemplate mongo;
    private final AuditOutbox audit;
    private final Clock clock;
    private final Map<String, PolicyClient.Comparison> comparisons =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PolicyClient.Comparison> eldest) {
                    return size() > CACHED_COMPARISONS;
                }
            });

    ModuleReviews(
            ModuleService modules,
            PolicyClient policies,
            GuardedCalls guarded,
            MongoTemplate mongo,
            AuditOutbox audit,
            Clock clock) {
        this.modules = modules;
        this.policies = policies;
        this.guarded = guarded;
        this.mongo = mongo;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every published module that needs review now; when policy-service cannot answer, {@code missing} says so. */
    public Reviews needingReview() {
        Map<String, List<TrainingModule>> byPolicy = new TreeMap<>();
        for (TrainingModule module : modules.published()) {
            if (!module.citedClauses().isEmpty()) {
                byPolicy.computeIfAbsent(module.getPolicyCode(), p -> new ArrayList<>())
                        .add(module);
            }
        }
        List<NeedsReview> flagged = new ArrayList<>();
        boolean missing = false;
        for (Map.Entry<String, List<TrainingModule>> policy : byPolicy.entrySet()) {
            try {
                flagged.addAll(flagged(policy.getKey(), policy.getValue()));
            } catch (RuntimeException e) {
                log.warn("policy-service could not say what changed in {} ({})", policy.getKey(), e.toString());
                missing = true;
            }
        }
        return new Reviews(flagged, missing ? List.of("policy-service") : List.of());
    }

    /**
     * Governance confirms that module {@code code}'s version in force still holds under {@code policyVersion}: the
     * flag clears, and the confirmation is logged. 409 when the module is not flagged against that version; 503 when
     * policy-service cannot say.
     */
    public NeedsReview confirm(String code, String policyVersion, Caller caller) {
        TrainingModule module = modules.published().stream()
                .filter(m -> m.getCode().equals(code))
                .findFirst()
                .orElseThrow(() -> new ConflictException("Module " + code + " has no version in force to review"));
        List<NeedsReview> flags;
        try {
            flags = flagged(module.getPolicyCode(), List.of(module));
        } catch (RuntimeException e) {
            throw new ServiceUnavailableException(
                    "policy-service could not say what changed in " + module.getPolicyCode()
                            + " just now; nothing was changed, try again shortly",
                    e);
        }
        NeedsReview flag = flags.stream()
                .filter(f -> f.newerVersion().equals(policyVersion))
                .findFirst()
                .orElseThrow(() -> new ConflictException("Module " + code + " v" + module.getVersion()
                        + " is not flagged for review against version " + policyVersion + " of "
                        + module.getPolicyCode()));
        AuditEvent event = audit.event(
                caller.logName(),
                "training.module.review-confirmed",
                code + "/" + module.getVersion(),
                Map.of(
                        "policyVersion",
                        module.getPolicyCode() + "/" + policyVersion,
                        "clauses",
                        String.join(" ", flag.clauses())));
        mongo.updateFirst(
                query(where("_id").is(code)),
                new Update()
                        .push(
                                "reviews",
                                new ModuleSeries.ReviewConfirmation(
                                        module.getVersion(), policyVersion, caller.username(), clock.instant()))
                        .push(AuditOutbox.FIELD, event),
                ModuleSeries.class);
        audit.flush(ModuleSeries.class, code);
        return flag;
    }

    private List<NeedsReview> flagged(String policyCode, List<TrainingModule> citing) {
        List<PolicyClient.VersionSummary> versions =
                guarded.call("policy-versions", () -> policies.versions(policyCode));
        PolicyClient.VersionSummary newest = (versions == null ? List.<PolicyClient.VersionSummary>of() : versions)
                .stream()
                        .filter(v -> "APPROVED".equals(v.status()) || "PUBLISHED".equals(v.status()))
                        .max(Comparator.comparing(v -> VersionOrder.of(v.number())))
                        .orElse(null);
        List<NeedsReview> flagged = new ArrayList<>();
        if (newest == null) {
            return flagged;
        }
        for (TrainingModule module : citing) {
            if (VersionOrder.of(newest.number()).compareTo(VersionOrder.of(module.getPolicyVersion())) <= 0) {
                continue;
            }
            PolicyClient.Comparison comparison = comparison(policyCode, module.getPolicyVersion(), newest.number());
            SortedSet<String> touched = new TreeSet<>();
            comparison.removed().forEach(c -> touched.add(c.number()));
            comparison.changed().forEach(c -> touched.add(c.number()));
            touched.retainAll(module.citedClauses());
            if (touched.isEmpty()) {
                continue;
            }
            ModuleSeries series = mongo.findById(module.getCode(), ModuleSeries.class);
            if (series != null && series.confirmed(module.getVersion(), newest.number())) {
                continue;
            }
            flagged.add(new NeedsReview(
                    module.getCode(),
                    module.getVersion(),
                    module.getTitle(),
                    policyCode,
                    module.getPolicyVersion(),
                    newest.number(),
                    newest.status(),
                    touched));
        }
        return flagged;
    }

    private PolicyClient.Comparison comparison(String policyCode, String from, String to) {
        String key = policyCode + "/" + from + "/" + to;
        PolicyClient.Comparison cached = comparisons.get(key);
        if (cached != null) {
            return cached;
        }
        PolicyClient.Comparison fetched = guarded.call("policy-versions", () -> policies.compare(policyCode, from, to));
        PolicyClient.Comparison complete = new PolicyClient.Comparison(
                fetched.removed() == null ? List.of() : fetched.removed(),
                fetched.changed() == null ? List.of() : fetched.changed());
        comparisons.put(key, complete);
        return complete;
    }

    /** A policy version number, {@code major.minor}, in numeric order. */
    private record VersionOrder(int major, int minor) implements Comparable<VersionOrder> {
        static VersionOrder of(String number) {
            int dot = number.indexOf('.');
            return new VersionOrder(
                    Integer.parseInt(number.substring(0, dot)), Integer.parseInt(number.substring(dot + 1)));
        }

        @Override
        public int compareTo(VersionOrder o) {
            return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
        }
    }
}
