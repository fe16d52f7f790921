package org.trustgov.training.attempts;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.trustgov.auditclient.AuditLogEvidence;
import org.trustgov.problem.ServiceUnavailableException;
import org.trustgov.transparency.EntryEvidence;
import org.trustgov.transparency.ExportSeals;
import org.trustgov.transparency.VerifiableExport;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Completions in a time range for the HR system, written to the response as they are read from MongoDB (a
 * cursor, one row at a time), so an export of any size never sits in memory.
 */
@Component
class CompletionExport {

    /**
     * One exported completion: earned here ({@code basis} EARNED, with its certificate and score), or an approved
     * override ({@code TRANSFERRED} from {@code sourceOrganisation}, or {@code EXEMPT}), which has neither.
     */
    record Row(
            String certificateId,
            String staffNumber,
            String department,
            String moduleCode,
            Integer moduleVersion,
            String policyCode,
            String policyVersion,
            Integer score,
            Instant completedAt,
            Instant expiresAt,
            String basis,
            String sourceOrganisation) {}

    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final CsvSchema SCHEMA = CSV.schemaFor(Row.class).withHeader();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String FORMAT = "trustgov-completions-export/v2";

    /**
     * One completion as the log recorded it: each field of {@code record} is the detail of that name in log entry
     * {@code sequence} (the {@code training.completion.recorded} event); the holder's department and the module beside it are not bound.
     */
    public record BoundCompletion(
            Map<String, Object> record, long sequence, String department, String moduleCode, int moduleVersion) {}

    /** A completion the export cannot prove yet, with why. */
    public record UnboundCompletion(Map<String, Object> record, String reason) {}

    private final MongoTemplate mongo;
    private final org.trustgov.training.overrides.TrainingOverrides overrides;
    private final ObjectProvider<AuditLogEvidence> evidence;
    private final JsonMapper json;
    private final Clock clock;

    CompletionExport(
            MongoTemplate mongo,
            org.trustgov.training.overrides.TrainingOverrides overrides,
            ObjectProvider<AuditLogEvidence> evidence,
            JsonMapper json,
            Clock clock) {
        this.mongo = mongo;
        this.overrides = overrides;
        this.evidence = evidence;
        this.json = json;
        this.clock = clock;
    }

    /** What the completion's audit event says: the record a verifiable export binds to the log. */
    static Map<String, Object> loggedRecord(
            String staffNumber,
            String certificateId,
            int score,
            String policyCode,
            String policyVersion,
            Instant expiresAt) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("staffNumber", staffNumber);
        record.put("certificateId", certificateId);
        record.put("score", score);
        record.put("policyVersion", policyCode + "/" + policyVersion);
        record.put("expiresAt", expiresAt.toString());
        return record;
    }

    /**
     * A page of the completions in [from, to), each with its log entry, a checkpoint and the inclusion proofs from
     * audit-service, for {@code java Verify.java bundle}. Completions whose event has not reached the log yet, or
     * that were recorded before completions kept their event id, are listed as unbound. Two calls to audit-service:
     * which events are logged (so the content is known), then the seal over the content with those entries' proofs.
     */
    VerifiableExport<BoundCompletion, UnboundCompletion, Map<String, Object>> verifiable(
            Instant from, Instant to, int page, int size) {
        Query completed = query(where("passed")
                        .is(true)
                        .and("completion.completedAt")
                        .gte(from)
                        .lt(to))
                .with(Sort.by("completion.completedAt", "_id"))
                .skip((long) page * size)
                .limit(size);
        List<Attempt> attempts = mongo.find(completed, Attempt.class);
        List<String> eventIds = attempts.stream()
                .map(Attempt::getCompletionEventId)
                .filter(id -> id != null)
                .toList();
        EntryEvidence logged = evidence.getObject().forExport(eventIds, null);
        Map<String, Long> sequences = new HashMap<>();
        logged.entries()
                .forEach(e -> sequences.put((String) e.get("eventId"), ((Number) e.get("sequence")).longValue()));
        List<BoundCompletion> bound = new ArrayList<>();
        List<UnboundCompletion> unbound = new ArrayList<>();
        for (Attempt a : attempts) {
            Attempt.Completion c = a.getCompletion();
            Map<String, Object> record = loggedRecord(
                    a.getStaffNumber(), c.certificateId(), c.score(), c.policyCode(), c.policyVersion(), c.expiresAt());
            Long sequence = a.getCompletionEventId() == null ? null : sequences.get(a.getCompletionEventId());
            if (sequence == null) {
                unbound.add(new UnboundCompletion(
                        record,
                        a.getCompletionEventId() == null
                                ? "recorded before completions kept their audit event id"
                                : "its audit event has not reached the log yet"));
            } else {
                bound.add(new BoundCompletion(
                        record, sequence, cell(a.getDepartment()), c.moduleCode(), c.moduleVersion()));
            }
        }
        VerifiableExport<BoundCompletion, UnboundCompletion, Map<String, Object>> content =
                VerifiableExport.content(FORMAT, clock.instant(), from, to, page, size, null, bound, unbound);
        List<String> boundIds =
                logged.entries().stream().map(e -> (String) e.get("eventId")).toList();
        EntryEvidence sealed = evidence.getObject()
                .forExport(
                        boundIds,
                        new ExportSeals.Request(
                                FORMAT,
                                Map.of(
                                        "from",
                                        from.toString(),
                                        "to",
                                        to.toString(),
                                        "page",
                                        String.valueOf(page),
                                        "size",
                                        String.valueOf(size)),
                                ExportSeals.contentHash(json, content)));
        if (sealed.entries().size() != bound.size() || sealed.manifest() == null) {
            throw new ServiceUnavailableException(
                    "audit-service's evidence changed while the export was made; try again", null);
        }
        return content.proved(
                sealed.entries(),
                sealed.checkpoint(),
                sealed.treeSize(),
                sealed.proofs(),
                sealed.manifest(),
                sealed.openings());
    }

    void csv(Instant from, Instant to, OutputStream out) throws IOException {
        try (Stream<Row> rows = Stream.concat(rows(from, to), overrideRows(from, to));
                SequenceWriter writer = CSV.writer(SCHEMA).writeValues(out)) {
            rows.forEach(writer::write);
        }
    }

    void json(Instant from, Instant to, OutputStream out) throws IOException {
        try (Stream<Row> rows = Stream.concat(rows(from, to), overrideRows(from, to));
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            rows.forEach(row -> JSON.writeValue(json, row));
            json.writeEndArray();
        }
    }

    private Stream<Row> rows(Instant from, Instant to) {
        var completed = query(where("passed")
                        .is(true)
                        .and("completion.completedAt")
                        .gte(from)
                        .lt(to))
                .with(Sort.by("completion.completedAt"));
        return mongo.stream(completed, Attempt.class).map(a -> {
            Attempt.Completion c = a.getCompletion();
            return new Row(
                    c.certificateId(),
                    a.getStaffNumber(),
                    cell(a.getDepartment()),
                    c.moduleCode(),
                    c.moduleVersion(),
                    c.policyCode(),
                    c.policyVersion(),
                    c.score(),
                    c.completedAt(),
                    c.expiresAt(),
                    "EARNED",
                    null);
        });
    }

    /** Then the approved overrides that count from a moment in the range: never as earned here. */
    private Stream<Row> overrideRows(Instant from, Instant to) {
        return overrides
                .approvedBetween(from, to)
                .map(o -> new Row(
                        null,
                        o.getStaffNumber(),
                        cell(o.getDepartment()),
                        o.getModuleCode(),
                        null,
                        null,
                        null,
                        null,
                        o.getCompletedAt(),
                        o.getExpiresAt(),
                        o.getKind().name(),
                        cell(o.getSourceOrganisation())));
    }

    /**
     * Text from HR's roster as it goes into a spreadsheet: a cell that starts with {@code = + - @}, a tab or a
     * carriage return would be run as a formula by Excel and its kin (CSV injection), so it is prefixed with a
     * quote, which shows the text as written.
     */
    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }
}
