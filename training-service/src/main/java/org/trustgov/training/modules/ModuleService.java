package org.trustgov.training.modules;

import java.time.Clock;
import java.util.List;

import feign.FeignException;

import org.springframework.stereotype.Service;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.problem.ConflictException;
import org.trustgov.starter.problem.NotFoundException;
import org.trustgov.starter.problem.ServiceUnavailableException;
import org.trustgov.starter.resilience.GuardedCalls;

@Service
public class ModuleService {

    static final String POLICY = "policy-versions";

    private final ModuleRepository modules;
    private final PolicyClient policies;
    private final GuardedCalls guarded;
    private final Clock clock;

    ModuleService(ModuleRepository modules, PolicyClient policies, GuardedCalls guarded, Clock clock) {
        this.modules = modules;
        this.policies = policies;
        this.guarded = guarded;
        this.clock = clock;
    }

    public TrainingModule get(String code, int version) {
        return modules.findByCodeAndVersion(code, version)
                .orElseThrow(() -> new NotFoundException("No module " + code + " v" + version));
    }

    public List<TrainingModule> all() {
        return modules.findAllByOrderByCodeAscVersionDesc();
    }

    public List<TrainingModule> published() {
        return modules.findByStatusOrderByCodeAsc(TrainingModule.Status.PUBLISHED);
    }

    public TrainingModule create(ModuleRequest request, Caller caller) {
        if (modules.findByCodeAndVersion(request.code(), request.version()).isPresent()) {
            throw new ConflictException("Module " + request.code() + " v" + request.version() + " already exists");
        }
        return modules.insert(TrainingModule.draft(request, caller.username()));
    }

    public TrainingModule edit(String code, int version, ModuleRequest request) {
        TrainingModule module = get(code, version);
        module.edit(request);
        return modules.save(module);
    }

    /**
     * Publishes a draft once policy-service confirms that the policy version it teaches exists and is the one
     * published. Earlier published versions of the module are retired. If policy-service cannot answer, nothing
     * changes and the caller gets 503.
     */
    public TrainingModule publish(String code, int version, Caller caller) {
        TrainingModule module = get(code, version);
        PolicyClient.PolicyVersion taught;
        try {
            taught = guarded.call(POLICY, () -> policies.version(module.getPolicyCode(), module.getPolicyVersion()));
        } catch (FeignException.NotFound e) {
            throw new ConflictException("Policy " + module.getPolicyCode() + " has no version "
                    + module.getPolicyVersion() + ": a module can only teach a published policy version");
        } catch (RuntimeException e) {
            throw new ServiceUnavailableException("policy-service could not confirm policy " + module.getPolicyCode()
                    + " v" + module.getPolicyVersion() + " just now; nothing was changed, try again shortly", e);
        }
        if (taught == null || !"PUBLISHED".equals(taught.status())) {
            throw new ConflictException("Policy " + module.getPolicyCode() + " v" + module.getPolicyVersion() + " is "
                    + (taught == null ? "unknown" : taught.status()) + ": a module can only teach the published version");
        }
        module.publish(caller.username(), taught.contentHash(), clock.instant());
        TrainingModule published = modules.save(module);
        for (TrainingModule older : modules.findByCodeAndStatus(code, TrainingModule.Status.PUBLISHED)) {
            if (older.getVersion() != version) {
                older.retire();
                modules.save(older);
            }
        }
        return published;
    }

    public TrainingModule retire(String code, int version) {
        TrainingModule module = get(code, version);
        module.retire();
        return modules.save(module);
    }
}
