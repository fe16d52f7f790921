package org.trustgov.audit.subjectaccess;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.trustgov.audit.access.AccessRecords;
import org.trustgov.audit.incidents.CasesOfAPerson;
import org.trustgov.audit.log.chain.AuditEntry;
import org.trustgov.audit.log.evidence.ExportSealing;
import org.trustgov.audit.log.evidence.LogEvidence;
import org.trustgov.audit.log.sealing.Sealer;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.NotFoundException;
import org.trustgov.problem.ServiceUnavailableException;
import org.trustgov.starter.resilience.GuardedCalls;
import org.trustgov.transparency.ExportSeals;
import org.trustgov.transparency.InclusionProof;
import tools.jackson.databind.json.JsonMapper;

/**
 * A subject access bundle (UK GDPR article 15): for one person, everything the platform holds about them across the
 * three services in one document, other people by role only, made verifiable offline like every export. training-
 * and policy-service each answer with what they hold (their own redaction); this service adds the incidents, the
 * access records about the person and the log's entries about them, then seals the bundle in the log
 * ({@code export.sealed}: who made it, for whom, when, and the hash of its content), so {@code java Verify.java bundle}
 * checks every entry, its inclusion proof, the signed and witnessed checkpoint and that nothing was edited. The log's
 * personal values stay sealed in the entries except the person's own, which the bundle opens: another person in an
 * entry stays a sealed value. A service that cannot answer fails the bundle (503): none is made incomplete.
 */
@Service
public class SubjectAccessBundles {

    static final String FORMAT = "trustgov-subject-access/v1";

    /**
     * The steps of a case its reporter takes: their log entries are stamped with the second the reporter took them,
     * which would point at who reported, so a case's subject is not given them (the rest of its workflow they are).
     */
    static final Set<String> REPORTERS_STEPS =
            Set.of("incident.reported", "incident.reporter-answered", "incident.receipt-reissued");

    /** What a bundle leaves out, for the information governance team to review. */
    static final String WITHHELD = "Investigation notes are not included: they are free text that may name others, "
            + "for the information governance team to review and release with redactions. Nor, for a case about "
            + "this person, the time it was reported (its day only), the log entries of the reporter's own steps, or "
            + "those of the batches recording a read shown by its day: their times would point at who reported.";

    /** The most items of the log's entries and of the reads one bundle carries. */
    static final int MAX_READS = 20_000;

    public record SubjectAccessBundle(
            String format,
            Instant madeAt,
            String staffNumber,
            LocalDate requestedOn,

            @Schema(description = "One month from the request (UK GDPR article 12(3))")
            LocalDate respondBy,

            int items,
            @Schema(maxLength = 600) String otherPeople,
            @Schema(maxLength = 600) String withheld,

            @Schema(
                    description = "What training-service holds: roster record, attempts, completions, certificates, "
                            + "transfers and exemptions, notifications")
            Map<String, Object> training,

            @Schema(description = "What policy-service holds: acknowledgements, consultation comments")
            Map<String, Object> policy,

            @ArraySchema(maxItems = CasesOfAPerson.MAX_CASES)
            List<CasesOfAPerson.CaseSeen> incidents,

            @ArraySchema(maxItems = MAX_READS) List<AccessRecords.SeenByYou> readsOfTheirRecords,
            @Schema(maxLength = 300) String verifyWith,
            @ArraySchema(maxItems = ExportSeals.MAX_ENTRIES) List<AuditEntry> entries,
            @Schema(maxLength = 2_000) String checkpoint,
            Long treeSize,
            @ArraySchema(maxItems = ExportSeals.MAX_ENTRIES) List<InclusionProof> proofs,
            ExportSeals.Manifest<AuditEntry> manifest,

            @Schema(description = "The person's own sealed values in the entries, to the keys that open them")
            Map<String, String> openings) {}

    private final TrainingSubjectClient training;
    private final PolicySubjectClient policy;
    private final GuardedCalls guarded;
    private final CasesOfAPerson cases;
    private final AccessRecords accessRecords;
    private final LogEvidence evidence;
    private final ExportSealing sealing;
    private final Sealer sealer;
    private final JsonMapper json;
    private final Clock clock;

    SubjectAccessBundles(
            TrainingSubjectClient training,
            PolicySubjectClient policy,
            GuardedCalls guarded,
            CasesOfAPerson cases,
            AccessRecords accessRecords,
            LogEvidence evidence,
            ExportSealing sealing,
            Sealer sealer,
            JsonMapper json,
            Clock clock) {
        this.training = training;
        this.policy = policy;
        this.guarded = guarded;
        this.cases = cases;
        this.accessRecords = accessRecords;
        this.evidence = evidence;
        this.sealing = sealing;
        this.sealer = sealer;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The bundle for {@code staffNumber}, asked for on {@code requestedOn} (not in the future, not more than a year
     * ago: 400 naming it); 404 when the platform holds nothing at all about that staff number.
     */
    public SubjectAccessBundle make(String staffNumber, LocalDate requestedOn, Caller caller) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (requestedOn.isAfter(today)) {
            throw new BadRequestException("requestedOn", "is in the future");
        }
        if (requestedOn.isBefore(today.minusYears(1))) {
            throw new BadRequestException("requestedOn", "is more than a year ago");
        }
        Map<String, Object> trainingRecords =
                ask("training-subject-access", "training-service", () -> training.of(staffNumber));
        Map<String, Object> policyRecords =
                ask("policy-subject-access", "policy-service", () -> policy.of(staffNumber));
        List<CasesOfAPerson.CaseSeen> incidents = cases.of(staffNumber);
        AccessRecords.ForBundle reads = accessRecords.forBundle(staffNumber, MAX_READS);
        int items = count(trainingRecords)
                + count(policyRecords)
                + incidents.size()
                + reads.reads().size();
        if (trainingRecords.get("roster") == null && items == 0) {
            throw new NotFoundException("The platform holds nothing about staff number " + staffNumber);
        }

        List<AuditEntry> entries = entriesAbout(staffNumber, incidents, trainingRecords, reads);
        SubjectAccessBundle content = new SubjectAccessBundle(
                FORMAT,
                now,
                staffNumber,
                requestedOn,
                requestedOn.plusMonths(1),
                items,
                "Other people appear by their role (\"governance\", \"investigator\", \"reporter\", \"a colleague\", "
                        + "\"a reviewer\", \"their line manager\"), never by name or number; in the log's entries "
                        + "their values stay sealed, and only this person's own are opened.",
                WITHHELD,
                trainingRecords,
                policyRecords,
                incidents,
                reads.reads(),
                "java Verify.java bundle <this file> <log verifier key>,<witness verifier key>",
                entries,
                null,
                null,
                null,
                null,
                null);
        ExportSealing.Sealed sealed = sealing.seal(
                caller.logName(),
                null,
                "subject-access",
                new ExportSeals.Request(
                        FORMAT,
                        Map.of("staffNumber", staffNumber, "requestedOn", requestedOn.toString()),
                        ExportSeals.contentHash(json, content)),
                entries);
        return new SubjectAccessBundle(
                content.format(),
                content.madeAt(),
                content.staffNumber(),
                content.requestedOn(),
                content.respondBy(),
                content.items(),
                content.otherPeople(),
                content.withheld(),
                content.training(),
                content.policy(),
                content.incidents(),
                content.readsOfTheirRecords(),
                content.verifyWith(),
                entries,
                sealed.checkpoint(),
                sealed.treeSize(),
                sealed.proofs(),
                sealed.manifest(),
                ownOpenings(sealed.openings(), staffNumber));
    }

    private Map<String, Object> ask(
            String guard, String service, java.util.function.Supplier<Map<String, Object>> call) {
        try {
            Map<String, Object> answer = guarded.call(guard, call);
            return answer == null ? Map.of() : answer;
        } catch (RuntimeException e) {
            throw new ServiceUnavailableException(
                    service + " could not be asked just now; a subject access bundle is never made incomplete", e);
        }
    }

    /**
     * The log's entries about the person, oldest first, at most {@link ExportSeals#MAX_ENTRIES}: each case's
     * workflow, their completions' events, and the entries binding the batches of the reads of their records.
     */
    private List<AuditEntry> entriesAbout(
            String staffNumber,
            List<CasesOfAPerson.CaseSeen> incidents,
            Map<String, Object> trainingRecords,
            AccessRecords.ForBundle reads) {
        Map<Long, AuditEntry> bySequence = new TreeMap<>();
        for (CasesOfAPerson.CaseSeen c : incidents) {
            evidence.workflowOf(c.reference()).stream()
                    .filter(e -> !c.reportTimeWithheld() || !REPORTERS_STEPS.contains(e.getAction()))
                    .forEach(e -> bySequence.put(e.getSequence(), e));
        }
        List<String> eventIds = new ArrayList<>();
        if (trainingRecords.get("attempts") instanceof List<?> attempts) {
            for (Object attempt : attempts) {
                if (attempt instanceof Map<?, ?> a && a.get("completionEventId") instanceof String id) {
                    eventIds.add(id);
                }
            }
        }
        eventIds.addAll(reads.batchEventIds());
        for (int i = 0; i < eventIds.size(); i += 500) {
            evidence.byEventIds(eventIds.subList(i, Math.min(eventIds.size(), i + 500)), null)
                    .forEach(e -> bySequence.put(e.getSequence(), e));
        }
        return bySequence.values().stream()
                .sorted(Comparator.comparingLong(AuditEntry::getSequence))
                .limit(ExportSeals.MAX_ENTRIES)
                .toList();
    }

    /** Of the openings, only those of the person's own values: everyone else stays sealed. */
    private Map<String, String> ownOpenings(Map<String, String> openings, String staffNumber) {
        Map<String, String> own = new LinkedHashMap<>();
        openings.forEach((sealedValue, opening) -> {
            String value = sealer.open(sealedValue, null, Map.of()).actor();
            if (staffNumber.equals(value) || ("staff:" + staffNumber).equals(value)) {
                own.put(sealedValue, opening);
            }
        });
        return own;
    }

    private static int count(Map<String, Object> records) {
        int n = 0;
        for (Object value : records.values()) {
            if (value instanceof Collection<?> list) {
                n += list.size();
            }
        }
        return n;
    }
}
