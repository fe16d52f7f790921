package org.trustgov.policy.policies;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.auditclient.AuditOutbox;

/**
 * Moves a policy's published pointer from the version the caller saw to a new one, in one conditional update of
 * the policy document (compare-and-set). Two concurrent publications cannot both succeed, and there is no moment
 * with no published version or with two: the pointer names exactly one. The same update records the publication
 * (who, when, the content hash) and the audit events of it, so the publication and its record are one write.
 * Needs no transaction.
 */
@Component
public class PublishedVersionSwitch {

    private final MongoTemplate mongo;

    PublishedVersionSwitch(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return {@code false} when the policy changed since it was read (another publication won) */
    public boolean switchTo(
            Policy seen, String number, String by, String contentHash, Instant at, List<AuditEvent> events) {
        var current = query(where("_id")
                .is(seen.getId())
                .and("status")
                .is(Policy.Status.ACTIVE)
                .and("publishedVersion")
                .is(seen.getPublishedVersion()));
        var update = new Update()
                .set("publishedVersion", number)
                .push("publications", new Policy.Publication(number, by, at, contentHash))
                .set("updatedAt", at)
                .push(AuditOutbox.FIELD)
                .each(events.toArray())
                // Keeps @Version honest: an edit based on the old document now fails instead of undoing this.
                .inc("revision", 1);
        return mongo.updateFirst(current, update, Policy.class).getModifiedCount() == 1;
    }
}
