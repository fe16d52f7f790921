package org.trustgov.training.reminders;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import org.trustgov.starter.mongo.StoreCompaction;

/** Forgets a person in the reminders: their notifications, digests, preferences and used unsubscribe links. */
@Service
public class ReminderErasure {

    private final MongoTemplate mongo;
    private final StoreCompaction compaction;

    ReminderErasure(MongoTemplate mongo, StoreCompaction compaction) {
        this.mongo = mongo;
        this.compaction = compaction;
    }

    public void erase(String staffNumber) {
        compaction.afterErasure(Notification.class, Digest.class, Preferences.class);
        mongo.remove(query(where("staffNumber").is(staffNumber)), Notification.class);
        mongo.remove(query(where("staffNumber").is(staffNumber)), Digest.class);
        mongo.remove(query(where("_id").is(staffNumber)), Preferences.class);
        mongo.remove(query(where("staffNumber").is(staffNumber)), UnsubscribeTokens.USED);
    }
}
