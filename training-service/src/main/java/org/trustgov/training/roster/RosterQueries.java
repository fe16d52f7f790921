package org.trustgov.training.roster;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.FindIterable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.trustgov.problem.NotFoundException;
import org.trustgov.starter.Batches;

/** Reading the roster: records, line-management chains, and the headcounts other services use. */
@Service
public class RosterQueries {

    private final StaffRepository staff;
    private final MongoTemplate mongo;

    RosterQueries(StaffRepository staff, MongoTemplate mongo) {
        this.staff = staff;
        this.mongo = mongo;
    }

    public Page<StaffMember> page(Pageable page) {
        return staff.findAll(page);
    }

    /** A roster record, whoever asks: callers check access themselves. */
    public StaffMember member(String staffNumber) {
        return staff.findById(staffNumber).orElseThrow(() -> new NotFoundException("No staff member " + staffNumber));
    }

    /** A roster record if there is one (a member of staff may take training before HR's upload reaches us). */
    public Optional<StaffMember> find(String staffNumber) {
        return staffNumber == null ? Optional.empty() : staff.findById(staffNumber);
    }

    /** Whether {@code staffNumber} reports to {@code managerStaffNumber}, directly or down the chain: one read. */
    public boolean reportsTo(String staffNumber, String managerStaffNumber) {
        return mongo.exists(
                query(where("_id").is(staffNumber).and(ManagementChains.FIELD).is(managerStaffNumber)),
                StaffMember.class);
    }

    /**
     * Who a team report covers: everyone who reports to {@code managerStaffNumber}, directly or through managers
     * below them (active and leavers alike; the report keeps the active), one equality on the chains
     * {@link ManagementChains} keeps on each record.
     */
    public static Criteria underManager(String managerStaffNumber) {
        return where(ManagementChains.FIELD).is(managerStaffNumber);
    }

    /** Active staff whose name contains every word of {@code text} (any case, any order), by name, at most {@code limit}. */
    public List<StaffMember> findByName(String text, int limit) {
        List<Criteria> words = new ArrayList<>();
        words.add(where("active").is(true));
        for (String word : text.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(where("name").regex(Pattern.quote(word), "i"));
            }
        }
        Query q = new Query(new Criteria().andOperator(words))
                .with(Sort.by("name", "_id"))
                .limit(limit);
        q.fields().include("name", "department", "active");
        return mongo.find(q, StaffMember.class);
    }

    /** The name, department and standing of each of these staff numbers on the roster, leavers included. */
    public List<StaffMember> namesOf(List<String> staffNumbers) {
        Query q = query(where("_id").in(staffNumbers));
        q.fields().include("name", "department", "active");
        return mongo.find(q, StaffMember.class);
    }

    /**
     * Where mail reaches each of these staff numbers ({@link StaffMember#mailAddress}), in one read: people it does not
     * reach are not in the answer.
     */
    public Map<String, String> reachableAddressesOf(Collection<String> staffNumbers) {
        Map<String, String> addresses = new HashMap<>();
        // a few hundred at a time: the embedded store tests each record found against the whole list once more
        for (List<String> some : Batches.of(List.copyOf(staffNumbers), ADDRESSES_PER_QUERY)) {
            Query q = query(where("_id").in(some));
            q.fields().include("workEmail", "bouncingEmail", "active");
            for (StaffMember member : mongo.find(q, StaffMember.class)) {
                member.mailAddress().ifPresent(address -> addresses.put(member.getStaffNumber(), address));
            }
        }
        return addresses;
    }

    private static final int ADDRESSES_PER_QUERY = 500;

    /** Active staff per department, counted by MongoDB; leavers excluded. */
    public List<DepartmentHeadcount> headcount() {
        return mongo
                .aggregate(
                        newAggregation(
                                match(where("active").is(true)),
                                group("department").count().as("active"),
                                sort(Sort.Direction.ASC, "_id")),
                        StaffMember.class,
                        Document.class)
                .getMappedResults()
                .stream()
                .map(d -> new DepartmentHeadcount(d.getString("_id"), ((Number) d.get("active")).longValue()))
                .toList();
    }

    /**
     * Every active member of staff, one at a time from a cursor (the whole roster is never in memory): the daily
     * reminder run reads each person's standings, chain and address once.
     */
    public void forEachActive(Consumer<StaffMember> each) {
        // in batches: the whole roster's standings in one reply would pass the wire protocol's 48 MB limit
        Query active = query(where("active").is(true)).cursorBatchSize(1000);
        active.fields()
                .include(
                        "name",
                        "workEmail",
                        "bouncingEmail",
                        "department",
                        "staffGroup",
                        ManagementChains.FIELD,
                        "createdAt",
                        "standings",
                        "refreshers");
        try (Stream<StaffMember> members = mongo.stream(active, StaffMember.class)) {
            members.forEach(each);
        }
    }

    /**
     * Records that mail to {@code address} was refused for good (unknown mailbox): the person's record shows their
     * address as bouncing until HR sends another (a different address is not bouncing). Only if it is still their
     * address.
     */
    public void markBouncing(String staffNumber, String address) {
        mongo.updateFirst(
                query(where("_id").is(staffNumber).and("workEmail").is(address)),
                new Update().set("bouncingEmail", address),
                StaffMember.class);
    }

    /**
     * The stored roster records {@code query} selects (its fields as given, not mapped: a report reads a few fields of
     * thousands of records), one at a time from a cursor read in batches: the whole selection is never in memory. The
     * query, its fields, order, skip, limit and collation go to the driver as they are (a report's values are plain
     * strings, booleans and lists, nothing to convert), and each record comes back as the driver read it, without the
     * template's conversion and per-record events: a fifth of a warm trust report's time at 20,000 staff.
     */
    public void forEach(Query query, Consumer<Document> each) {
        mongo.execute(StaffMember.class, collection -> {
            FindIterable<Document> found = collection
                    .find(query.getQueryObject())
                    .projection(query.getFieldsObject())
                    .skip(Math.toIntExact(query.getSkip()))
                    .limit(query.getLimit())
                    .batchSize(1000);
            if (query.isSorted()) {
                found.sort(query.getSortObject());
            }
            query.getCollation().ifPresent(collation -> found.collation(collation.toMongoCollation()));
            found.forEach(each);
            return null;
        });
    }
}
