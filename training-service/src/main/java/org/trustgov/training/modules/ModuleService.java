package org.trustgov.training.modules;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import feign.FeignException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.ConflictException;
import org.trustgov.problem.NotFoundException;
import org.trustgov.problem.ServiceUnavailableException;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * Module versions and their publication. Every version read here comes with its status resolved from its
 * {@link ModuleSeries}, the one record of what is published.
 */
@Service
public class ModuleService {

    static final String POLICY = "policy-versions";

    private final ModuleRepository modules;
    private final MongoTemplate mongo;
    private final PolicyClient policies;
    private final GuardedCalls guarded;
    private final AuditOutbox audit;
    private final Clock clock;

    ModuleService(
            ModuleRepository modules,
            MongoTemplate mongo,
            PolicyClient policies,
            GuardedCalls guarded,
            AuditOutbox audit,
            Clock clock) {
        this.modules = modules;
        this.mongo = mongo;
        this.policies = policies;
        this.guarded = guarded;
        this.audit = audit;
        this.clock = clock;
    }

    public TrainingModule get(String code, int version) {
        return modules.findByCodeAndVersion(code, version)
                .map(m -> m.resolve(series(code)))
                .orElseThrow(() -> new NotFoundException("No module " + code + " v" + version));
    }

    public List<TrainingModule> all() {
        Map<String, ModuleSeries> series = new HashMap<>();
        mongo.findAll(ModuleSeries.class).forEach(s -> series.put(s.getCode(), s));
        return modules.findAllByOrderByCodeAscVersionDesc().stream()
                .map(m -> m.resolve(series.getOrDefault(m.getCode(), ModuleSeries.empty(m.getCode()))))
                .toList();
    }

    /** The version in force of every module, by code. */
    public List<TrainingModule> published() {
        List<TrainingModule> result = new ArrayList<>();
        for (ModuleSeries series : mongo.find(query(where("publishedVersion").ne(null)), ModuleSeries.class)) {
            modules.findByCodeAndVersion(series.getCode(), series.getPublishedVersion())
                    .ifPresent(m -> result.add(m.resolve(series)));
        }
        result.sort(Comparator.comparing(TrainingModule::getCode));
        return result;
    }

    public TrainingModule create(ModuleRequest request, Caller caller) {
        if (modules.findByCodeAndVersion(request.code(), request.version()).isPresent()) {
            throw new ConflictException("Module " + request.code() + " v" + request.version() + " already exists");
        }
        if (modules.count() >= TrainingModule.MAX_MODULES) {
            throw new ConflictException("The trust already keeps " + TrainingModule.MAX_MODULES
                    + " module versions, the most this service holds; edit a draft instead of adding another");
        }
        try {
            return modules.insert(TrainingModule.draft(request, caller.username()))
                    .resolve(series(request.code()));
        } catch (DuplicateKeyException sameMoment) {
            throw new ConflictException("Module " + request.code() + " v" + request.version() + " already exists");
        }
    }

    public TrainingModule edit(String code, int version, ModuleRequest request) {
        TrainingModule module = get(code, version);
        module.edit(request);
        return modules.save(module).resolve(series(code));
    }

    /**
     * Publishes a draft once policy-service confirms that the policy version it teaches is the one published, by
     * one compare-and-set of the module's series pointer from the version the request saw. The version must be
     * newer than the one in force, which it then replaces. If policy-service cannot answer, nothing changes (503).
     */
    public TrainingModule publish(String code, int version, Caller caller) {
        TrainingModule module = get(code, version);
        module.requireDraft();
        ModuleSeries seen = series(code);
        Integer current = seen.getPublishedVersion();
        if (current != null && version <= current) {
            throw new ConflictException(
                    "Module " + code + " v" + version + " is not newer than v" + current + ", the version in force");
        }
        PolicyClient.PolicyVersion taught = confirmTaughtVersion(module);
        module.requireCitedClausesIn(taught);
        Instant now = clock.instant();
        AuditEvent event = audit.event(
                caller.logName(),
                "training.module.published",
                code + "/" + version,
                Map.of(
                        "policyVersion",
                        module.getPolicyCode() + "/" + module.getPolicyVersion(),
                        "replaces",
                        current == null ? "none" : String.valueOf(current)));
        Criteria asSeen = where("_id").is(code).and("publishedVersion").is(current);
        Update publication = new Update()
                .set("publishedVersion", version)
                .push(
                        "publications",
                        new ModuleSeries.Publication(version, caller.username(), now, taught.contentHash()))
                .push(AuditOutbox.FIELD, event);
        try {
            ModuleSeries moved = mongo.findAndModify(
                    query(asSeen),
                    publication,
                    FindAndModifyOptions.options().upsert(current == null).returnNew(true),
                    ModuleSeries.class);
            if (moved == null) {
                throw lostRace(code);
            }
        } catch (DuplicateKeyException concurrentFirstPublication) {
            throw lostRace(code); // the series was created by another first publication a moment ago
        }
        audit.flush(ModuleSeries.class, code);
        return get(code, version);
    }

    /** A published module that cites a clause: where, and which version of the policy it teaches. */
    public record Citing(
            String code,
            int version,
            String title,
            String policyVersion,

            @io.swagger.v3.oas.annotations.media.ArraySchema(maxItems = ModuleRequest.MAX_SECTIONS)
            List<String> sections,

            @io.swagger.v3.oas.annotations.media.ArraySchema(maxItems = ModuleRequest.MAX_QUESTIONS)
            List<String> questions) {}

    /** A published module and which of some clauses it cites. */
    public record CitingAny(TrainingModule module, java.util.SortedSet<String> clauses) {}

    /** The published modules of policy {@code policyCode} that cite any of {@code clauses}, with which. */
    public List<CitingAny> citingAny(String policyCode, java.util.Set<String> clauses) {
        List<CitingAny> citing = new java.util.ArrayList<>();
        for (TrainingModule module : published()) {
            if (!module.getPolicyCode().equals(policyCode)) {
                continue;
            }
            java.util.SortedSet<String> cited = module.citedClauses();
            cited.retainAll(clauses);
            if (!cited.isEmpty()) {
                citing.add(new CitingAny(module, cited));
            }
        }
        return citing;
    }

    /** The published modules whose sections or questions cite clause {@code clause} of policy {@code policyCode}. */
    public List<Citing> citing(String policyCode, String clause) {
        List<Citing> citing = new java.util.ArrayList<>();
        for (TrainingModule module : published()) {
            if (!module.getPolicyCode().equals(policyCode)) {
                continue;
            }
            List<String> sections = module.getSections().stream()
                    .filter(s -> s.clauses() != null && s.clauses().contains(clause))
                    .map(ModuleRequest.Section::heading)
                    .toList();
            List<String> questions = module.getQuestions().stream()
                    .filter(q -> q.clauses() != null && q.clauses().contains(clause))
                    .map(Question::id)
                    .toList();
            if (!sections.isEmpty() || !questions.isEmpty()) {
                citing.add(new Citing(
                        module.getCode(),
                        module.getVersion(),
                        module.getTitle(),
                        module.getPolicyVersion(),
                        sections,
                        questions));
            }
        }
        return citing;
    }

    /** Retires a version: the one in force stops being published (the module has none until the next); a draft is withdrawn. */
    public TrainingModule retire(String code, int version, Caller caller) {
        TrainingModule module = get(code, version);
        if (module.getStatus() == TrainingModule.Status.PUBLISHED) {
            AuditEvent event = audit.event(caller.logName(), "training.module.retired", code + "/" + version, Map.of());
            if (mongo.updateFirst(
                                    query(where("_id")
                                            .is(code)
                                            .and("publishedVersion")
                                            .is(version)),
                                    new Update().set("publishedVersion", null).push(AuditOutbox.FIELD, event),
                                    ModuleSeries.class)
                            .getModifiedCount()
                    != 1) {
                throw lostRace(code);
            }
            audit.flush(ModuleSeries.class, code);
            return get(code, version);
        }
        module.withdraw();
        return modules.save(module).resolve(series(code));
    }

    private PolicyClient.PolicyVersion confirmTaughtVersion(TrainingModule module) {
        PolicyClient.PolicyVersion taught;
        try {
            taught = guarded.call(POLICY, () -> policies.version(module.getPolicyCode(), module.getPolicyVersion()));
        } catch (FeignException.NotFound e) {
            throw new ConflictException("Policy " + module.getPolicyCode() + " has no version "
                    + module.getPolicyVersion() + ": a module can only teach a published policy version");
        } catch (RuntimeException e) {
            throw new ServiceUnavailableException(
                    "policy-service could not confirm policy " + module.getPolicyCode() + " v"
                            + module.getPolicyVersion() + " just now; nothing was changed, try again shortly",
                    e);
        }
        if (taught == null || !"PUBLISHED".equals(taught.status())) {
            throw new ConflictException("Policy " + module.getPolicyCode() + " v" + module.getPolicyVersion() + " is "
                    + (taught == null ? "unknown" : taught.status())
                    + ": a module can only teach the published version");
        }
        return taught;
    }

    private ModuleSeries series(String code) {
        ModuleSeries series = mongo.findById(code, ModuleSeries.class);
        return series == null ? ModuleSeries.empty(code) : series;
    }

    private static ConflictException lostRace(String code) {
        return new ConflictException("Another version of " + code + " was published or retired while this request "
                + "ran; reload and try again");
    }
}
