package org.trustgov.training.reminders;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** Forgets a person in the reminders: their notifications, digests, preferences and used unsubscribe links. */
@Service
public class ReminderErasure {

    private final MongoTemplate mongo;

    ReminderErasure(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void erase(String staffNumber) {
        mongo.remove(query(where("staffNumber").is(staffNumber)), Notification.class);
        mongo.remove(query(where("staffNumber").is(staffNumber)), Digest.class);
        mongo.remove(query(where("_id").is(staffNumber)), Preferences.class);
        mongo.remove(query(where("staffNumber").is(staffNumber)), UnsubscribeTokens.USED);
    }
}
