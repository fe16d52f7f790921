package org.trustgov.training.modules;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * For tests that need a published module without asking policy-service: stores the draft and points its series at
 * it, as a publication would (the same two documents {@link ModuleService#publish} leaves).
 */
public final class PublishedModules {

    private PublishedModules() {}

    public static TrainingModule publish(MongoTemplate mongo, TrainingModule draft, String policyContentHash) {
        mongo.remove(
                query(where("code").is(draft.getCode()).and("version").is(draft.getVersion())), TrainingModule.class);
        TrainingModule stored = mongo.insert(draft);
        mongo.upsert(
                query(where("_id").is(draft.getCode())),
                new Update()
                        .set("publishedVersion", draft.getVersion())
                        .push(
                                "publications",
                                new ModuleSeries.Publication(
                                        draft.getVersion(), "morgan.governance", Instant.now(), policyContentHash)),
                ModuleSeries.class);
        return stored.resolve(mongo.findById(draft.getCode(), ModuleSeries.class));
    }

    /** Forgets every module and series (for a test that needs a clean slate). */
    public static void clear(MongoTemplate mongo) {
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), TrainingModule.class);
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), ModuleSeries.class);
    }
}
