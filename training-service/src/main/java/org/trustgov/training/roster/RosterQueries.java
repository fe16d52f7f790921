package org.trustgov.training.roster;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.project;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.AggregationExpression;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import org.trustgov.problem.NotFoundException;

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

    /**
     * Everyone who reports to {@code managerStaffNumber}, directly or through managers below them, as the roster's
     * {@code lineManagerStaffNumber} links say (active and leavers alike; a loop in HR's data ends the walk).
     * At most {@code MAX_LEVELS} levels down.
     */
    public Set<String> reportsOf(String managerStaffNumber) {
        Set<String> reports = new LinkedHashSet<>();
        Set<String> level = Set.of(managerStaffNumber);
        for (int depth = 0; depth < MAX_LEVELS && !level.isEmpty(); depth++) {
            var q = query(where("lineManagerStaffNumber").in(level));
            q.fields().include("_id");
            Set<String> next = new LinkedHashSet<>();
            for (StaffMember m : mongo.find(q, StaffMember.class)) {
                if (!m.getStaffNumber().equals(managerStaffNumber) && reports.add(m.getStaffNumber())) {
                    next.add(m.getStaffNumber());
                }
            }
            level = next;
        }
        return reports;
    }

    /** How deep a line-management chain is followed. */
    static final int MAX_LEVELS = 12;

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
     * The roster members {@code who} matches, counted by department and by the value {@code classify} gives each
     * (computed in the store, one pass: a compliance status from the member's standings, say). Each result has
     * {@code _id.department}, {@code _id.<as>} and {@code n}.
     */
    public List<Document> countByDepartmentAnd(Criteria who, String as, AggregationExpression classify) {
        return mongo.aggregate(
                        newAggregation(
                                match(who),
                                project("department").and(classify).as(as),
                                group("department", as).count().as("n")),
                        StaffMember.class,
                        Document.class)
                .getMappedResults();
    }

    /** The roster members {@code query} selects (its fields, sort and limit as given). */
    public List<StaffMember> members(Query query) {
        return mongo.find(query, StaffMember.class);
    }
}
