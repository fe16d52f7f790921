package org.trustgov.training.attempts;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.Metrics;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.ConflictException;
import org.trustgov.problem.NotFoundException;
import org.trustgov.training.TrainingSettings;
import org.trustgov.training.compliance.ComplianceRule;
import org.trustgov.training.compliance.ComplianceStatus;
import org.trustgov.training.compliance.CurrentPolicyVersions;
import org.trustgov.training.modules.ModuleService;
import org.trustgov.training.modules.ModuleViews;
import org.trustgov.training.modules.TrainingModule;
import org.trustgov.training.roster.RefresherDue;
import org.trustgov.training.roster.RosterQueries;
import org.trustgov.training.roster.StaffMember;
import org.trustgov.training.roster.StaffRecordAccess;

@Service
public class AttemptService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AttemptRepository attempts;
    private final ModuleService modules;
    private final RosterQueries roster;
    private final MongoTemplate mongo;
    private final CompletionStandings standings;
    private final CurrentPolicyVersions policyVersions;
    private final AttemptLimits limits;
    private final StaffRecordAccess access;
    private final AuditOutbox audit;
    private final TrainingSettings settings;
    private final Clock clock;

    AttemptService(
            AttemptRepository attempts,
            ModuleService modules,
            RosterQueries roster,
            MongoTemplate mongo,
            CompletionStandings standings,
            CurrentPolicyVersions policyVersions,
            AttemptLimits limits,
            StaffRecordAccess access,
            AuditOutbox audit,
            TrainingSettings settings,
            Clock clock) {
        this.attempts = attempts;
        this.modules = modules;
        this.roster = roster;
        this.mongo = mongo;
        this.standings = standings;
        this.policyVersions = policyVersions;
        this.limits = limits;
        this.access = access;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** Every attempt of a person (up to {@code limit}), oldest first: for their subject access bundle. */
    public List<Attempt> allOf(String staffNumber, int limit) {
        return mongo.find(
                org.springframework.data.mongodb.core.query.Query.query(
                                org.springframework.data.mongodb.core.query.Criteria.where("staffNumber")
                                        .is(staffNumber))
                        .with(org.springframework.data.domain.Sort.by("startedAt", "_id"))
                        .limit(limit),
                Attempt.class);
    }

    /**
     * A learner's view of one of their modules: the module, where they stand on it (a completion taught against an
     * older major version of the policy than the one in force is EXPIRED), and whether the policy version in force
     * may be out of date because policy-service could not be asked.
     */
    public record Assigned(
            ModuleViews.ForLearner module,
            ComplianceStatus status,
            Attempt.Completion latest,
            String policyVersionInForce,
            boolean policyVersionMayBeStale,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "When a refresher assigned to you on this module falls due, while it is "
                            + "outstanding (complete the module again by then)")
            Instant refresherDueAt,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "When your standing comes from an approved override rather than a completion "
                            + "here: TRANSFERRED (earned at another organisation) or EXEMPT, with when it runs out")
            org.trustgov.training.roster.Standing override) {}

    /**
     * Published modules whose audience includes the caller or on which they were given a targeted refresher, with the
     * caller's status on each (the refresher's due date, never why it was assigned). Who the caller is
     * (staff group, department) comes from the roster, the one source the compliance reports also use; someone HR
     * has not sent yet is assigned only the modules meant for everyone.
     */
    public List<Assigned> myModules(Caller caller) {
        requireStaff(caller);
        Optional<StaffMember> member = roster.find(caller.staffNumber());
        String staffGroup = member.map(StaffMember::getStaffGroup).orElse(null);
        String department = member.map(StaffMember::getDepartment).orElse(null);
        Map<String, RefresherDue> refreshers =
                member.map(StaffMember::getRefreshers).orElse(Map.of());
        List<Attempt> passed = attempts.findByStaffNumberAndPassedTrue(caller.staffNumber());
        Instant now = clock.instant();
        List<Assigned> result = new ArrayList<>();
        for (TrainingModule module : modules.published()) {
            if (!module.isAssignedTo(staffGroup, department) && !refreshers.containsKey(module.getCode())) {
                continue;
            }
            Attempt.Completion latest = passed.stream()
                    .map(Attempt::getCompletion)
                    .filter(c -> c != null && c.moduleCode().equals(module.getCode()))
                    .max(Comparator.comparing(Attempt.Completion::completedAt))
                    .orElse(null);
            CurrentPolicyVersions.InForce inForce = policyVersions.of(module.getPolicyCode());
            RefresherDue refresher = refreshers.get(module.getCode());
            // An approved override (transferred or exempt) stands when it runs longer than the last completion here.
            org.trustgov.training.roster.Standing standing =
                    member.map(m -> m.getStandings().get(module.getCode())).orElse(null);
            org.trustgov.training.roster.Standing override = standing != null
                            && standing.basis() != null
                            && (latest == null || standing.expiresAt().isAfter(latest.expiresAt()))
                    ? standing
                    : null;
            ComplianceStatus status = ComplianceRule.of(
                    override != null
                            ? ComplianceRule.Facts.of(override, refresher)
                            : latest == null
                                    ? new ComplianceRule.Facts(null, null, null, refresher)
                                    : new ComplianceRule.Facts(
                                            latest.expiresAt(),
                                            ComplianceRule.majorOf(latest.policyVersion()),
                                            latest.completedAt(),
                                            refresher),
                    new ComplianceRule.Context(now, inForce.majorOr(module.getPolicyVersion()), settings.dueSoon()));
            result.add(new Assigned(
                    ModuleViews.ForLearner.of(module),
                    status,
                    latest,
                    inForce.version(),
                    inForce.stale(),
                    refresher != null && refresher.outstanding(latest == null ? null : latest.completedAt())
                            ? refresher.dueAt()
                            : null,
                    override));
        }
        return result;
    }

    /**
     * Starts an attempt at a published module assigned to the caller (403 otherwise), unless they have used up
     * their failed attempts for now (429, see {@link AttemptLimits}). The answer carries content and questions,
     * never the answers.
     */
    public Attempt start(String code, int version, Caller caller) {
        requireStaff(caller);
        TrainingModule module = modules.get(code, version);
        if (module.getStatus() != TrainingModule.Status.PUBLISHED) {
            throw new ConflictException("Module " + code + " v" + version + " is not published");
        }
        Optional<StaffMember> member = roster.find(caller.staffNumber());
        if (!module.isAssignedTo(
                        member.map(StaffMember::getStaffGroup).orElse(null),
                        member.map(StaffMember::getDepartment).orElse(null))
                && !member.map(m -> m.hasRefresher(code)).orElse(false)) {
            throw new AccessDeniedException("Module " + code + " is not assigned to you");
        }
        limits.requireAttemptLeft(caller.staffNumber(), code);
        return attempts.insert(new Attempt(
                UUID.randomUUID().toString(),
                caller.staffNumber(),
                member.map(StaffMember::getDepartment).orElse(null),
                code,
                version,
                clock.instant()));
    }

    /** How many failed attempts the caller has left at a module now, and when the next is allowed if none. */
    public AttemptLimits.Standing attemptsLeft(String staffNumber, String moduleCode) {
        return limits.standing(staffNumber, moduleCode);
    }

    public Attempt own(String attemptId, Caller caller) {
        Attempt attempt =
                attempts.findById(attemptId).orElseThrow(() -> new NotFoundException("No attempt " + attemptId));
        access.require(caller, StaffRecordAccess.Record.ATTEMPT, attempt.getStaffNumber());
        return attempt;
    }

    /**
     * Scores the answers and, in one conditional update that only matches a STARTED attempt, records the result
     * and (on a pass) the completion with its audit event. A second or concurrent submission matches nothing: 409,
     * nothing written. The roster's standing and the event's move to the outbox follow, and are repaired after a
     * stop ({@code StandingsRepair}, {@code PendingAuditEventSweep}).
     */
    public Attempt submit(String attemptId, Map<String, Set<String>> answers, Caller caller) {
        Attempt attempt = own(attemptId, caller);
        if (attempt.getStatus() != Attempt.Status.STARTED) {
            return sentAgain(attempt, answers);
        }
        TrainingModule module = modules.get(attempt.getModuleCode(), attempt.getModuleVersion());
        Scoring.Result result = Scoring.score(module, answers);
        Instant now =
                clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored, so the logged expiry is the stored one
        Update update = new Update()
                .set("status", Attempt.Status.SUBMITTED)
                .set("submittedAt", now)
                .set("answers", answers)
                .set("score", result.score())
                .set("passed", result.passed());
        AuditEvent recorded = null;
        if (result.passed()) {
            String certificateId =
                    "CERT-" + HexFormat.of().formatHex(randomBytes()).toUpperCase();
            Instant expires =
                    now.atOffset(ZoneOffset.UTC).plus(module.refresher()).toInstant();
            update.set("certificateId", certificateId)
                    .set(
                            "completion",
                            new Attempt.Completion(
                                    certificateId,
                                    result.score(),
                                    module.getCode(),
                                    module.getVersion(),
                                    module.getTitle(),
                                    module.getPolicyCode(),
                                    module.getPolicyVersion(),
                                    now,
                                    expires,
                                    nameOf(attempt.getStaffNumber())));
            recorded = audit.event(
                    caller.logName(),
                    "training.completion.recorded",
                    module.getCode() + "/" + module.getVersion(),
                    CompletionExport.loggedRecord(
                            attempt.getStaffNumber(),
                            certificateId,
                            result.score(),
                            module.getPolicyCode(),
                            module.getPolicyVersion(),
                            expires));
            update.push(AuditOutbox.FIELD, recorded).set("completionEventId", recorded.eventId());
        }
        Attempt submitted = mongo.findAndModify(
                query(where("_id").is(attemptId).and("status").is(Attempt.Status.STARTED)),
                update,
                FindAndModifyOptions.options().returnNew(true),
                Attempt.class);
        if (submitted == null) { // submitted meanwhile, by a sending that crossed this one
            return sentAgain(own(attemptId, caller), answers);
        }
        if (submitted.getCompletion() != null) {
            standings.record(submitted.getStaffNumber(), submitted.getCompletion());
            audit.flush(Attempt.class, submitted.getId(), List.of(recorded));
        }
        Metrics.counter(
                        "trustgov.training.attempts",
                        "module",
                        module.getCode(),
                        "result",
                        result.passed() ? "passed" : "failed")
                .increment();
        return submitted;
    }

    /**
     * A submission of an attempt already submitted: the same answers sent again (the answer to the first never came
     * back) are answered with the result recorded then, and nothing is scored or recorded again; other answers are
     * 409, since an attempt is submitted once.
     */
    private static Attempt sentAgain(Attempt submitted, Map<String, Set<String>> answers) {
        if (submitted.getAnswers() != null && submitted.getAnswers().equals(answers)) {
            return submitted;
        }
        throw new ConflictException("This attempt was already submitted, with other answers: start a new attempt");
    }

    /** A certificate: to its holder, governance and HR. */
    public Attempt certificate(String certificateId, Caller caller) {
        Attempt attempt = attempts.findByCertificateId(certificateId)
                .orElseThrow(() -> new NotFoundException("No certificate " + certificateId));
        access.require(caller, StaffRecordAccess.Record.CERTIFICATE, attempt.getStaffNumber());
        return attempt;
    }

    /** The name on a certificate: as it was at completion; for passes recorded before names were kept, the roster's. */
    public String holderName(Attempt attempt) {
        String kept =
                attempt.getCompletion() == null ? null : attempt.getCompletion().holderName();
        return kept != null ? kept : nameOf(attempt.getStaffNumber());
    }

    private String nameOf(String staffNumber) {
        return roster.find(staffNumber).map(StaffMember::getName).orElse(null);
    }

    private static void requireStaff(Caller caller) {
        if (!caller.isPerson() || caller.staffNumber() == null) {
            throw new AccessDeniedException("Only a member of staff with a staff number takes training");
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
