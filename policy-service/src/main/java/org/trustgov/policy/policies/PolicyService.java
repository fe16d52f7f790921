package org.trustgov.policy.policies;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Service;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.ConflictException;
import org.trustgov.problem.NotFoundException;

@Service
public class PolicyService {

    private final PolicyRepository policies;
    private final MongoTemplate mongo;
    private final AuditOutbox audit;
    private final Clock clock;

    PolicyService(PolicyRepository policies, MongoTemplate mongo, AuditOutbox audit, Clock clock) {
        this.policies = policies;
        this.mongo = mongo;
        this.audit = audit;
        this.clock = clock;
    }

    public Policy get(String code) {
        return policies.findByCode(code).orElseThrow(() -> new NotFoundException("No policy " + code));
    }

    public Page<Policy> list(Pageable page) {
        return policies.findAll(page);
    }

    /** Which policies a register search keeps, by where they stand. */
    public enum Standing {
        /** Published and not retired. */
        IN_FORCE,
        /** Not retired and never published yet. */
        NOT_YET_PUBLISHED,
        RETIRED
    }

    /**
     * Policies whose code or title contains {@code text} (any case; {@code null} for all), kept to those standing
     * where {@code standing} says ({@code null} for all), a page at a time.
     */
    public Page<Policy> search(String text, Standing standing, Pageable page) {
        List<Criteria> all = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            String contains = ".*" + Pattern.quote(text.strip()) + ".*";
            all.add(new Criteria()
                    .orOperator(
                            where("code").regex(contains, "i"), where("title").regex(contains, "i")));
        }
        if (standing != null) {
            all.add(
                    switch (standing) {
                        case IN_FORCE ->
                            where("status")
                                    .ne(Policy.Status.RETIRED)
                                    .and("publishedVersion")
                                    .ne(null);
                        case NOT_YET_PUBLISHED ->
                            where("status")
                                    .ne(Policy.Status.RETIRED)
                                    .and("publishedVersion")
                                    .is(null);
                        case RETIRED -> where("status").is(Policy.Status.RETIRED);
                    });
        }
        Query query = all.isEmpty() ? new Query() : new Query(new Criteria().andOperator(all));
        return PageableExecutionUtils.getPage(
                mongo.find(Query.of(query).with(page), Policy.class), page, () -> mongo.count(query, Policy.class));
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
