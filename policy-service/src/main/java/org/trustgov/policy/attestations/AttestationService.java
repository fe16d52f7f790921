package org.trustgov.policy.attestations;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.attestations.AttestationViews.Acknowledgement;
import org.trustgov.policy.attestations.AttestationViews.Coverage;
import org.trustgov.policy.attestations.AttestationViews.DepartmentCoverage;
import org.trustgov.policy.attestations.AttestationViews.InForce;
import org.trustgov.policy.attestations.AttestationViews.Mine;
import org.trustgov.policy.attestations.AttestationViews.Owed;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.versions.VersionNumber;
import org.trustgov.policy.versions.VersionService;
import org.trustgov.problem.ConflictException;

@Service
public class AttestationService {

    private final AttestationRepository attestations;
    private final VersionService versions;
    private final PolicyService policies;
    private final MongoTemplate mongo;
    private final RosterHeadcounts roster;
    private final AuditOutbox audit;
    private final Clock clock;

    AttestationService(
            AttestationRepository attestations,
            VersionService versions,
            PolicyService policies,
            MongoTemplate mongo,
            RosterHeadcounts roster,
            AuditOutbox audit,
            Clock clock) {
        this.audit = audit;
        this.attestations = attestations;
        this.versions = versions;
        this.policies = policies;
        this.mongo = mongo;
        this.roster = roster;
        this.clock = clock;
    }

    /** The caller acknowledges the version of {@code code} in force; their staff number comes from their token. */
    public Acknowledgement acknowledge(String code, String number, Caller caller) {
        if (!caller.isPerson() || caller.staffNumber() == null) {
            throw new AccessDeniedException("Only a member of staff with a staff number can acknowledge a policy");
        }
        var inForce = versions.current(code);
        var current = inForce.version();
        if (!current.getNumber().equals(number)) {
            versions.get(code, number, caller); // 404 for a version there is not (or a draft the caller may not see)
            throw new ConflictException("Version " + number + " of " + code + " is not the one in force; acknowledge "
                    + current.getNumber());
        }
        var existing =
                attestations.findByPolicyCodeAndMajorAndStaffNumber(code, current.getMajor(), caller.staffNumber());
        if (existing.isPresent()) {
            return Acknowledgement.of(existing.get(), false);
        }
        try {
            // The acknowledgement and its audit event are one insert; the event then moves to the outbox.
            AuditEvent recorded = audit.event(
                    caller.logName(),
                    "policy.attestation.recorded",
                    code + "/" + current.getNumber(),
                    Map.of("staffNumber", caller.staffNumber(), "major", current.getMajor()));
            Attestation inserted = attestations.insert(new Attestation(
                    code,
                    current.getMajor(),
                    current.getNumber(),
                    current.contentHash(inForce.policy()),
                    caller.staffNumber(),
                    caller.department(),
                    clock.instant(),
                    recorded));
            audit.flush(Attestation.class, inserted.getId(), List.of(recorded));
            Metrics.counter("trustgov.policy.acknowledgements", "policy", code).increment();
            return Acknowledgement.of(inserted, true);
        } catch (DuplicateKeyException sameMomentTwice) {
            return Acknowledgement.of(
                    attestations
                            .findByPolicyCodeAndMajorAndStaffNumber(code, current.getMajor(), caller.staffNumber())
                            .orElseThrow(),
                    false);
        }
    }

    /** What the caller has acknowledged, and the versions in force they still owe an acknowledgement for. */
    /** Every acknowledgement a person made: for their subject access bundle. */
    public List<Attestation> of(String staffNumber) {
        return attestations.findByStaffNumber(staffNumber);
    }

    public Mine mine(Caller caller) {
        List<Attestation> mine = attestations.findByStaffNumber(caller.staffNumber());
        Set<String> done =
                mine.stream().map(a -> a.getPolicyCode() + "/" + a.getMajor()).collect(Collectors.toSet());
        List<Owed> owed = new ArrayList<>();
        for (Policy policy : policies.all()) {
            if (policy.isRetired() || policy.getPublishedVersion() == null) {
                continue;
            }
            int major = VersionNumber.parse(policy.getPublishedVersion()).major();
            if (!done.contains(policy.getCode() + "/" + major)) {
                owed.add(new Owed(policy.getCode(), policy.getTitle(), policy.getPublishedVersion()));
            }
        }
        return new Mine(
                caller.staffNumber(),
                mine.stream().map(a -> Acknowledgement.of(a, false)).toList(),
                owed);
    }

    /**
     * Every policy version in force, with the staff numbers who acknowledged its major version (one indexed query
     * per policy, staff numbers only): what training-service's daily reminders need to tell the others.
     */
    public List<InForce> inForce() {
        List<InForce> result = new ArrayList<>();
        for (Policy policy : policies.all()) {
            if (policy.isRetired() || policy.getPublishedVersion() == null) {
                continue;
            }
            int major = VersionNumber.parse(policy.getPublishedVersion()).major();
            Instant since = policy.getPublications().stream()
                    .filter(p -> VersionNumber.parse(p.version()).major() == major)
                    .map(Policy.Publication::at)
                    .min(Instant::compareTo)
                    .orElse(null);
            var who =
                    query(where("policyCode").is(policy.getCode()).and("major").is(major));
            who.fields().include("staffNumber");
            List<String> acknowledged = mongo.find(who, Attestation.class).stream()
                    .map(Attestation::getStaffNumber)
                    .toList();
            result.add(new InForce(
                    policy.getCode(), policy.getTitle(), policy.getPublishedVersion(), major, since, acknowledged));
        }
        return result;
    }

    /**
     * Acknowledgements of the version in force per department, counted by MongoDB, against each department's
     * active headcount from training-service (outstanding = headcount − acknowledged). Governance sees every
     * department; a line manager only their own. If training-service cannot answer, the acknowledged counts are
     * still returned, with {@code rosterAvailable=false}.
     */
    public Coverage coverage(String code, Caller caller) {
        var current = versions.current(code).version();
        var criteria = where("policyCode").is(code).and("major").is(current.getMajor());
        if (!caller.hasRole("governance")) {
            criteria = criteria.and("department").is(caller.department());
        }
        var counts = mongo.aggregate(
                newAggregation(
                        match(criteria),
                        group("department").count().as("acknowledged"),
                        sort(Sort.Direction.ASC, "_id")),
                Attestation.class,
                Document.class);
        Map<String, Long> acknowledged = new TreeMap<>();
        counts.getMappedResults()
                .forEach(d -> acknowledged.put(d.getString("_id"), ((Number) d.get("acknowledged")).longValue()));
        Optional<Map<String, Long>> headcounts = roster.byDepartment();
        Set<String> names = new TreeSet<>(acknowledged.keySet());
        headcounts.ifPresent(h -> h.keySet().stream()
                .filter(d -> caller.hasRole("governance") || d.equals(caller.department()))
                .forEach(names::add));
        List<DepartmentCoverage> departments = names.stream()
                .limit(AttestationViews.MAX_DEPARTMENTS)
                .map(d -> {
                    long done = acknowledged.getOrDefault(d, 0L);
                    Long active = headcounts.map(h -> h.getOrDefault(d, 0L)).orElse(null);
                    return new DepartmentCoverage(d, done, active, active == null ? null : Math.max(0, active - done));
                })
                .toList();
        return new Coverage(
                code,
                current.getNumber(),
                departments,
                headcounts.isPresent(),
                names.size() > AttestationViews.MAX_DEPARTMENTS);
    }
}
