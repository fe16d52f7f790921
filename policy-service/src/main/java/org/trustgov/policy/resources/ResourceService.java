package org.trustgov.policy.resources;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.ConflictException;
import org.trustgov.problem.NotFoundException;
import org.trustgov.starter.idempotency.IdempotencyKey;
import org.trustgov.starter.idempotency.IdempotencyKeyReusedException;
import org.trustgov.starter.idempotency.KeyedSending;

/** The approved signposting resources: reading them, and governance approving, changing and retiring them. */
@Service
public class ResourceService {

    private final ResourceRepository resources;
    private final MongoTemplate mongo;
    private final Clock clock;

    ResourceService(ResourceRepository resources, MongoTemplate mongo, Clock clock) {
        this.resources = resources;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The resources by name; retired ones only when asked for (governance's view of the whole list). */
    public List<SignpostingResource> list(boolean withRetired) {
        Query which = withRetired ? new Query() : query(where("retiredAt").is(null));
        return mongo.find(
                which.with(Sort.by("name")).limit(SignpostingResource.MAX_RESOURCES), SignpostingResource.class);
    }

    /** The resources in use (not retired) that cite any of {@code clauses} of policy {@code policyCode}, by name. */
    public List<SignpostingResource> citing(String policyCode, java.util.Collection<String> clauses) {
        return mongo.find(
                query(where("retiredAt")
                                .is(null)
                                .and("clauses")
                                .elemMatch(where("policyCode")
                                        .is(policyCode)
                                        .and("clauseNumber")
                                        .in(clauses)))
                        .with(Sort.by("name"))
                        .limit(SignpostingResource.MAX_RESOURCES),
                SignpostingResource.class);
    }

    /**
     * Approves a new resource. Sent again with its {@code Idempotency-Key}, because the answer was lost, it is answered
     * with the resource the first sending added, and nothing is added (422 when the key came with another one).
     */
    public KeyedSending.Made<SignpostingResource> create(ResourceRequest request, Caller caller, IdempotencyKey key) {
        KeyedSending sent = KeyedSending.of(key, "resource-key\n" + caller.logName(), "resource", request);
        return KeyedSending.makeOnce(
                sent,
                keyHash -> mongo.findOne(query(where("approvedWithKey").is(keyHash)), SignpostingResource.class),
                () -> {
                    if (resources.count() >= SignpostingResource.MAX_RESOURCES) {
                        throw new ConflictException("The trust already approves " + SignpostingResource.MAX_RESOURCES
                                + " resources, the most this list holds; replace an outdated one (PUT) instead of "
                                + "adding another");
                    }
                    return resources.insert(new SignpostingResource(request, caller.username()).keyedBy(sent));
                },
                SignpostingResource::keyedContent,
                earlier -> IdempotencyKeyReusedException.firstSentWith(
                        "another resource, added as " + earlier.getId(), "added"));
    }

    public SignpostingResource update(String id, ResourceRequest request, Caller caller) {
        SignpostingResource resource = find(id);
        if (resource.isRetired()) {
            throw new ConflictException("Resource " + id + " is retired; approve it again as a new resource");
        }
        resource.update(request, caller.username());
        return resources.save(resource);
    }

    public SignpostingResource retire(String id, Caller caller) {
        SignpostingResource resource = find(id);
        resource.retire(caller.username(), clock.instant());
        return resources.save(resource);
    }

    /**
     * Keeps the result of a link check on the resource, touching nothing else (an edit made meanwhile stays, and the
     * check does not count as governance's change).
     */
    void recordCheck(String id, LinkCheck check) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("linkCheck", check), SignpostingResource.class);
    }

    private SignpostingResource find(String id) {
        return resources.findById(id).orElseThrow(() -> new NotFoundException("No resource " + id));
    }
}
