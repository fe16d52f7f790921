package org.trustgov.training.roster;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Each record's line managers up the chain, kept on the record ({@code managers}, the "array of ancestors" tree
 * pattern), so that "everyone under this manager" is one indexed equality ({@code managers = X}) and "is this
 * person under that manager" one read, whatever the chain's size, instead of a walk of one query per level. The
 * chains are worked out from the roster's {@code lineManagerStaffNumber} links in one pass over the links after
 * every upload, and again by the upload sweep (so an upload stopped before this step is settled within minutes).
 * A loop in HR's data ends the chain where it repeats; at most {@link #MAX_LEVELS} managers are kept.
 */
@Component
public class ManagementChains {

    /** How far up a chain is followed (a trust has six to eight levels between a ward and the chief executive). */
    public static final int MAX_LEVELS = 12;

    static final String FIELD = "managers";
    private static final int BATCH = 1000;

    private final MongoTemplate mongo;

    ManagementChains(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Brings every record's {@code managers} in line with the links; returns how many records changed. */
    public int refresh() {
        Map<String, String> managerOf = new HashMap<>();
        Map<String, List<String>> stored = new HashMap<>();
        Query all = new Query();
        all.fields().include("lineManagerStaffNumber", FIELD);
        try (Stream<Document> records = mongo.stream(all, Document.class, mongo.getCollectionName(StaffMember.class))) {
            records.forEach(d -> {
                String id = d.getString("_id");
                managerOf.put(id, d.getString("lineManagerStaffNumber"));
                stored.put(id, d.getList(FIELD, String.class, List.of()));
            });
        }
        int changed = 0;
        BulkOperations bulk = null;
        int pending = 0;
        for (Map.Entry<String, String> e : managerOf.entrySet()) {
            List<String> chain = chainAbove(e.getKey(), managerOf);
            if (Objects.equals(chain, stored.get(e.getKey()))) {
                continue;
            }
            if (bulk == null) {
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, StaffMember.class);
            }
            // By _id alone (the store answers it from the key; two uploads racing are settled by the later refresh
            // or the sweep).
            bulk.updateOne(query(where("_id").is(e.getKey())), new Update().set(FIELD, chain));
            changed++;
            if (++pending == BATCH) {
                bulk.execute();
                bulk = null;
                pending = 0;
            }
        }
        if (bulk != null) {
            bulk.execute();
        }
        return changed;
    }

    /** The managers above {@code staffNumber}, nearest first, as the links say (the manager need not be on the roster). */
    static List<String> chainAbove(String staffNumber, Map<String, String> managerOf) {
        Set<String> chain = new LinkedHashSet<>();
        String next = managerOf.get(staffNumber);
        while (next != null && !next.equals(staffNumber) && chain.size() < MAX_LEVELS && chain.add(next)) {
            next = managerOf.get(next);
        }
        return new ArrayList<>(chain);
    }
}
