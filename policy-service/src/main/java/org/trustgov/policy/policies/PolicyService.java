package org.trustgov.policy.policies;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.ConflictException;
import org.trustgov.problem.NotFoundException;

@Service
public class PolicyService {

    private final PolicyRepository policies;
    private final AuditOutbox audit;
    private final Clock clock;

    PolicyService(PolicyRepository policies, AuditOutbox audit, Clock clock) {
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    public Policy get(String code) {
        return policies.findByCode(code).orElseThrow(() -> new NotFoundException("No policy " + code));
    }

    public Page<Policy> list(Pageable page) {
        return policies.findAll(page);
    }

    /** Every policy, by code (a trust has tens, not thousands). */
    public List<Policy> all() {
        return policies.findAll(Sort.by("code"));
    }

    public Optional<Policy> find(String code) {
        return policies.findByCode(code);
    }

    public Policy create(PolicyRequest request, Caller caller) {
        if (policies.findByCode(request.code()).isPresent()) {
            throw new ConflictException("Policy " + request.code() + " already exists");
        }
        if (policies.count() >= Policy.MAX_POLICIES) {
            throw new ConflictException("The trust already has " + Policy.MAX_POLICIES
                    + " policies, the most this service keeps; retire and consolidate before adding another");
        }
        Policy policy = new Policy(request.code(), request.title(), caller.username());
        describe(policy, request);
        return policies.insert(policy); // the unique index on code settles a race between two creators
    }

    public Policy update(String code, PolicyRequest request) {
        Policy policy = get(code);
        if (!policy.getCode().equals(request.code())) {
            throw new ConflictException("A policy's code cannot change (" + code + " → " + request.code() + ")");
        }
        describe(policy, request);
        return policies.save(policy);
    }

    /** Retires the policy and records it for the audit log in the same write. */
    public Policy retire(String code, Caller caller) {
        Policy policy = get(code);
        policy.retire(
                caller.username(),
                clock.instant(),
                audit.event(
                        caller.logName(),
                        "policy.retired",
                        code,
                        Map.of(
                                "lastPublishedVersion",
                                policy.getPublishedVersion() == null ? "none" : policy.getPublishedVersion())));
        Policy retired = policies.save(policy);
        audit.flush(Policy.class, retired.getId());
        return retired;
    }

    private static void describe(Policy policy, PolicyRequest r) {
        policy.describe(r.title(), r.owner(), r.approvingCommittee(), r.professionalCodes(), r.audience(), r.tags());
    }
}
