package org.trustgov.training.overrides;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ConflictException;
import org.trustgov.problem.NotFoundException;
import org.trustgov.training.compliance.ComplianceRule;
import org.trustgov.training.modules.ModuleService;
import org.trustgov.training.modules.TrainingModule;
import org.trustgov.training.overrides.TrainingOverride.Origin;
import org.trustgov.training.roster.RosterQueries;
import org.trustgov.training.roster.RosterStandings;
import org.trustgov.training.roster.Standing;
import org.trustgov.training.roster.Standing.Basis;

/**
 * Transferred completions and exemptions: recorded by one member of governance (or sent by HR), approved by another,
 * then counted. Approval writes the override's standing on the person's roster record, where the compliance rule
 * reads every standing in all its readings, with the override's own expiry (a transferred completion runs the
 * module's refresher period from the day it was earned; an exemption until its day) and its basis, so it shows as
 * transferred or exempt, never as earned here. An override is written with its audit event, then applied;
 * {@link #repair} applies one a stop interrupted.
 */
@Service
public class TrainingOverrides {

    /** The most overrides a list answers with, newest first. */
    public static final int MAX_LISTED = 500;

    /** The most transferred completions HR sends at once. */
    public static final int MAX_TRANSFERS = 1000;

    /** What HR's transfers did: new ones awaiting approval, and those sent before. */
    public record TransfersReceived(int received, int recorded, int alreadyKnown) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private final ModuleService modules;
    private final RosterQueries roster;
    private final RosterStandings standings;
    private final AuditOutbox audit;
    private final Clock clock;

    TrainingOverrides(
            MongoTemplate mongo,
            ModuleService modules,
            RosterQueries roster,
            RosterStandings standings,
            AuditOutbox audit,
            Clock clock) {
        this.mongo = mongo;
        this.modules = modules;
        this.roster = roster;
        this.standings = standings;
        this.audit = audit;
        this.clock = clock;
    }

    /** Governance records an override; it waits for another member's approval. */
    public TrainingOverride record(OverrideRequest request, Caller caller) {
        check(request, "");
        if (mongo.exists(
                query(where("staffNumber")
                        .is(request.staffNumber())
                        .and("moduleCode")
                        .is(request.moduleCode())
                        .and("status")
                        .is(TrainingOverride.Status.AWAITING_APPROVAL)),
                TrainingOverride.class)) {
            throw new ConflictException("An override of " + request.moduleCode() + " for " + request.staffNumber()
                    + " is awaiting approval already: approve or refuse it first");
        }
        return insert(
                "OV-" + HexFormat.of().formatHex(randomBytes()).toUpperCase(), request, Origin.GOVERNANCE, caller);
    }

    /**
     * HR's transferred completions (the Inter-Authority Transfer): each checked as governance's are (400 naming
     * {@code [i].field}; one refused, none written), then recorded once (the same person, module, day and
     * organisation sent again is known already), each awaiting one governance approval.
     */
    public TransfersReceived recordTransfers(List<OverrideRequest> transfers, Caller caller) {
        for (int i = 0; i < transfers.size(); i++) {
            if (transfers.get(i).kind() != Basis.TRANSFERRED) {
                throw new BadRequestException("[" + i + "].kind", "HR sends transferred completions only");
            }
            check(transfers.get(i), "[" + i + "].");
        }
        int recorded = 0;
        for (OverrideRequest transfer : transfers) {
            String id = "OV-HR-" + fingerprint(transfer);
            if (!mongo.exists(query(where("_id").is(id)), TrainingOverride.class)) {
                try {
                    insert(id, transfer, Origin.HR, caller);
                    recorded++;
                } catch (org.springframework.dao.DuplicateKeyException sentTwiceAtOnce) {
                    // the other request recorded it
                }
            }
        }
        return new TransfersReceived(transfers.size(), recorded, transfers.size() - recorded);
    }

    private TrainingOverride insert(String id, OverrideRequest request, Origin origin, Caller caller) {
        Instant now = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("staffNumber", request.staffNumber());
        details.put("module", request.moduleCode());
        details.put("kind", request.kind().name());
        details.put("origin", origin.name());
        AuditEvent event = audit.event(caller.logName(), "training.override.recorded", id, details, now);
        String department = roster.find(request.staffNumber())
                .map(org.trustgov.training.roster.StaffMember::getDepartment)
                .orElse(null);
        TrainingOverride override = new TrainingOverride(id, request, department, origin, caller.logName(), now, event);
        mongo.insert(override);
        audit.flush(TrainingOverride.class, id);
        return get(id);
    }

    /**
     * A second member of governance approves it: 403 for the member who recorded it and for the person it is of (no
     * one decides on their own training), 409 unless it awaits approval
     * or when its module is no longer published. It then counts, with its own expiry.
     */
    public TrainingOverride approve(String id, Caller caller) {
        TrainingOverride override = decidable(id, caller);
        TrainingModule module = modules.published().stream()
                .filter(m -> m.getCode().equals(override.getModuleCode()))
                .findFirst()
                .orElseThrow(() -> new ConflictException(
                        "Module " + override.getModuleCode() + " is not published now: refuse this override"));
        Instant now = clock.instant();
        Instant completedAt;
        Instant expiresAt;
        if (override.getKind() == Basis.TRANSFERRED) {
            completedAt = override.getEarnedOn().atStartOfDay(ZoneOffset.UTC).toInstant();
            expiresAt = override.getEarnedOn()
                    .plus(module.refresher())
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } else {
            completedAt = now;
            expiresAt = override.getExpiresOn()
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("staffNumber", override.getStaffNumber());
        details.put("module", module.getCode() + "/" + module.getVersion());
        details.put("kind", override.getKind().name());
        details.put("expiresAt", expiresAt.toString());
        override.approve(
                caller.logName(),
                now,
                completedAt,
                expiresAt,
                audit.event(caller.logName(), "training.override.approved", id, details, now));
        mongo.save(override);
        audit.flush(TrainingOverride.class, id);
        apply(get(id), module);
        return get(id);
    }

    /** A second member of governance refuses it, saying why; it never counts. */
    public TrainingOverride refuse(String id, String why, Caller caller) {
        TrainingOverride override = decidable(id, caller);
        Instant now = clock.instant();
        override.refuse(
                caller.logName(),
                now,
                why,
                audit.event(
                        caller.logName(),
                        "training.override.refused",
                        id,
                        Map.of("staffNumber", override.getStaffNumber(), "module", override.getModuleCode()),
                        now));
        mongo.save(override);
        audit.flush(TrainingOverride.class, id);
        return get(id);
    }

    private TrainingOverride decidable(String id, Caller caller) {
        TrainingOverride override = get(id);
        if (caller.logName().equals(override.getRecordedBy())) {
            throw new AccessDeniedException(
                    "You recorded this override: another member of governance approves or refuses it");
        }
        if (caller.isPerson() && override.getStaffNumber().equals(caller.staffNumber())) {
            throw new AccessDeniedException(
                    "This override is of your own training: another member of governance approves or refuses it");
        }
        if (override.getStatus() != TrainingOverride.Status.AWAITING_APPROVAL) {
            throw new ConflictException("Override " + id + " is " + override.getStatus() + " already");
        }
        return override;
    }

    /** Writes an approved override's standing on the person's record, and marks it applied. */
    private void apply(TrainingOverride override, TrainingModule module) {
        standings.recordOverride(
                override.getStaffNumber(),
                override.getModuleCode(),
                new Standing(
                        module.getVersion(),
                        module.getPolicyVersion(),
                        ComplianceRule.majorOf(module.getPolicyVersion()),
                        override.getCompletedAt(),
                        override.getExpiresAt(),
                        null,
                        override.getKind()));
        mongo.updateFirst(
                query(where("_id").is(override.getId())), new Update().set("applied", true), TrainingOverride.class);
    }

    /** Applies the approved overrides a stop left unapplied; how many. */
    public int repair() {
        int applied = 0;
        for (TrainingOverride override : mongo.find(
                query(where("status")
                        .is(TrainingOverride.Status.APPROVED)
                        .and("applied")
                        .is(false)),
                TrainingOverride.class)) {
            var module = modules.published().stream()
                    .filter(m -> m.getCode().equals(override.getModuleCode()))
                    .findFirst();
            if (module.isPresent()) {
                apply(override, module.get());
                applied++;
            }
        }
        return applied;
    }

    public TrainingOverride get(String id) {
        TrainingOverride found = mongo.findById(id, TrainingOverride.class);
        if (found == null) {
            throw new NotFoundException("No override " + id);
        }
        return found;
    }

    /** Overrides, newest first: those with {@code status}, or all; of one person, or everyone's. */
    public List<TrainingOverride> list(TrainingOverride.Status status, String staffNumber) {
        Query q = new Query();
        if (status != null) {
            q.addCriteria(where("status").is(status));
        }
        if (staffNumber != null) {
            q.addCriteria(where("staffNumber").is(staffNumber));
        }
        return mongo.find(q.with(Sort.by(Sort.Direction.DESC, "recordedAt")).limit(MAX_LISTED), TrainingOverride.class);
    }

    /** Approved overrides that counted from a day in [from, to), for HR's completions export. */
    public java.util.stream.Stream<TrainingOverride> approvedBetween(Instant from, Instant to) {
        return mongo.stream(
                query(where("status")
                                .is(TrainingOverride.Status.APPROVED)
                                .and("completedAt")
                                .gte(from)
                                .lt(to))
                        .with(Sort.by("completedAt")),
                TrainingOverride.class);
    }

    /** Everything an override needs, by kind; 400 naming the field (after {@code prefix}). */
    private void check(OverrideRequest r, String prefix) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (r.evidenceReference() == null || r.evidenceReference().isBlank()) {
            throw new BadRequestException(
                    prefix + "evidenceReference",
                    "give the evidence: the transfer's or the certificate's reference, or the exemption's paper");
        }
        if (r.kind() == Basis.TRANSFERRED) {
            if (r.sourceOrganisation() == null || r.sourceOrganisation().isBlank()) {
                throw new BadRequestException(prefix + "sourceOrganisation", "name where it was earned");
            }
            if (r.earnedOn() == null) {
                throw new BadRequestException(prefix + "earnedOn", "give the day it was earned");
            }
            if (r.earnedOn().isAfter(today)) {
                throw new BadRequestException(prefix + "earnedOn", "is in the future");
            }
            if (r.reason() != null || r.expiresOn() != null) {
                throw new BadRequestException(
                        prefix + (r.reason() != null ? "reason" : "expiresOn"),
                        "only an exemption has a reason and an end: a transferred completion expires by the "
                                + "module's refresher period from the day it was earned");
            }
        } else {
            if (r.reason() == null || r.reason().isBlank()) {
                throw new BadRequestException(prefix + "reason", "say why they are exempt");
            }
            if (r.expiresOn() == null || !r.expiresOn().isAfter(today)) {
                throw new BadRequestException(prefix + "expiresOn", "an exemption ends on a day in the future");
            }
            if (r.expiresOn().isAfter(today.plusYears(3))) {
                throw new BadRequestException(prefix + "expiresOn", "is more than three years away");
            }
            if (r.sourceOrganisation() != null || r.earnedOn() != null) {
                throw new BadRequestException(
                        prefix + (r.sourceOrganisation() != null ? "sourceOrganisation" : "earnedOn"),
                        "only a transferred completion has a source organisation and a day earned");
            }
        }
        if (modules.published().stream().noneMatch(m -> m.getCode().equals(r.moduleCode()))) {
            throw new BadRequestException(prefix + "moduleCode", "is not a published module");
        }
        if (roster.find(r.staffNumber()).isEmpty()) {
            throw new BadRequestException(prefix + "staffNumber", "is not on the roster");
        }
    }

    private static String fingerprint(OverrideRequest r) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((r.staffNumber() + "|" + r.moduleCode() + "|" + r.earnedOn() + "|"
                                    + r.sourceOrganisation().trim().toLowerCase(java.util.Locale.ROOT))
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
