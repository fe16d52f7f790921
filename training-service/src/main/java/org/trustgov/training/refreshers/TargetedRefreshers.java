package org.trustgov.training.refreshers;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

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
import org.springframework.stereotype.Service;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.BadRequestException;
import org.trustgov.starter.idempotency.IdempotencyKey;
import org.trustgov.starter.idempotency.IdempotencyKeyReusedException;
import org.trustgov.starter.idempotency.KeyedSending;
import org.trustgov.starter.idempotency.KeyedSending.Made;
import org.trustgov.training.modules.ModuleService;
import org.trustgov.training.roster.TargetedGroups;

/**
 * Assigning targeted refreshers, and how each stands. A refresher is written first (with its audit event), then
 * marked on its group's roster records, then recorded as applied; {@link RefresherRepair} finishes one a stop
 * interrupted, the marks being idempotent.
 */
@Service
public class TargetedRefreshers {

    /** The most refreshers a list answers with, newest first. */
    public static final int MAX_LISTED = 500;

    /** A refresher with how its group stands now. */
    public record Standing(TargetedRefresher refresher, TargetedGroups.Progress progress) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private final ModuleService modules;
    private final TargetedGroups groups;
    private final AuditOutbox audit;
    private final Clock clock;

    TargetedRefreshers(
            MongoTemplate mongo, ModuleService modules, TargetedGroups groups, AuditOutbox audit, Clock clock) {
        this.mongo = mongo;
        this.modules = modules;
        this.groups = groups;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Assigns a refresher: the module must be published and cite the clause (400 on {@code moduleCode} otherwise:
     * the refresher is measured by the incidents citing that clause, so it has to teach it), the group must hold
     * active staff (400 on {@code department}, or {@code manager}), and the due day must be today or later and within
     * two years (400 on {@code dueOn}).
     */
    public Made<Standing> assign(RefresherRequest request, Caller caller, IdempotencyKey key) {
        KeyedSending sent = KeyedSending.of(key, "refresher-key\n" + caller.logName(), "refresher", request);
        Made<TargetedRefresher> assigned = KeyedSending.makeOnce(
                sent,
                keyHash -> mongo.findOne(query(where("assignedWithKey").is(keyHash)), TargetedRefresher.class),
                () -> assign(request, caller, sent),
                TargetedRefresher::keyedContent,
                earlier -> IdempotencyKeyReusedException.firstSentWith(
                        "another refresher, assigned as " + earlier.getId(), "assigned"));
        TargetedRefresher refresher = assigned.made();
        return new Made<>(
                new Standing(refresher, groups.progress(refresher.getId(), refresher.getModuleCode())),
                assigned.replayed());
    }

    private TargetedRefresher assign(RefresherRequest request, Caller caller, KeyedSending sent) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (request.dueOn().isBefore(today)) {
            throw new BadRequestException("dueOn", "is in the past: a refresher is due today or later");
        }
        if (request.dueOn().isAfter(today.plusYears(2))) {
            throw new BadRequestException("dueOn", "is more than two years away");
        }
        ModuleService.Citing module = modules.citing(request.policyCode(), request.clause()).stream()
                .filter(c -> c.code().equals(request.moduleCode()))
                .findFirst()
                .orElseThrow(() -> new BadRequestException(
                        "moduleCode",
                        "module " + request.moduleCode() + " is not a published module citing clause "
                                + request.clause() + " of " + request.policyCode()
                                + ": a targeted refresher teaches the clause it is about"));
        long size = groups.size(request.department(), request.manager());
        if (size == 0) {
            throw request.manager() == null
                    ? new BadRequestException("department", "has no active staff on the roster")
                    : new BadRequestException(
                            "manager", "has no active staff of " + request.department() + " reporting to them");
        }
        Instant dueAt = request.dueOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String id = "TR-" + HexFormat.of().formatHex(randomBytes()).toUpperCase();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("module", module.code() + "/" + module.version());
        details.put("clause", request.policyCode() + " " + request.clause());
        details.put("department", request.department());
        details.put("underOneManager", request.manager() != null);
        details.put("dueOn", request.dueOn().toString());
        details.put("staff", size);
        AuditEvent event = audit.event(caller.logName(), "training.refresher.assigned", id, details, now);
        TargetedRefresher refresher = new TargetedRefresher(
                        id, request, module.version(), now, dueAt, caller.logName(), size, event)
                .keyedBy(sent);
        mongo.insert(refresher);
        audit.flush(TargetedRefresher.class, id);
        apply(refresher);
        return refresher;
    }

    /** Marks a refresher on its group's records and records that it is applied. Returns how many it reached. */
    long apply(TargetedRefresher refresher) {
        long reached = groups.mark(
                refresher.getModuleCode(), refresher.due(), refresher.getDepartment(), refresher.getManager());
        mongo.updateFirst(
                query(where("_id").is(refresher.getId())), new Update().set("applied", true), TargetedRefresher.class);
        return reached;
    }

    /** Finishes the refreshers a stop left unapplied. Returns how many. */
    public int repair() {
        List<TargetedRefresher> unapplied = mongo.find(query(where("applied").is(false)), TargetedRefresher.class);
        unapplied.forEach(this::apply);
        return unapplied.size();
    }

    /** The refreshers, newest first, of every department or of {@code department} alone, with how each stands. */
    public List<Standing> list(String department) {
        Query q = department == null ? new Query() : query(where("department").is(department));
        q.with(Sort.by(Sort.Direction.DESC, "assignedAt")).limit(MAX_LISTED);
        return mongo.find(q, TargetedRefresher.class).stream()
                .map(r -> new Standing(r, groups.progress(r.getId(), r.getModuleCode())))
                .toList();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
