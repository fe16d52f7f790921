package org.trustgov.training.attempts;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.stream.Stream;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

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

    /** One exported completion. */
    record Row(String certificateId, String staffNumber, String department, String moduleCode, int moduleVersion,
            String policyCode, String policyVersion, int score, Instant completedAt, Instant expiresAt) {
    }

    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final CsvSchema SCHEMA = CSV.schemaFor(Row.class).withHeader();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MongoTemplate mongo;

    CompletionExport(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void csv(Instant from, Instant to, OutputStream out) throws IOException {
        try (Stream<Row> rows = rows(from, to);
                SequenceWriter writer = CSV.writer(SCHEMA).writeValues(out)) {
            rows.forEach(writer::write);
        }
    }

    void json(Instant from, Instant to, OutputStream out) throws IOException {
        try (Stream<Row> rows = rows(from, to);
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            rows.forEach(row -> JSON.writeValue(json, row));
            json.writeEndArray();
        }
    }

    private Stream<Row> rows(Instant from, Instant to) {
        var completed = query(where("passed").is(true).and("completion.completedAt").gte(from).lt(to))
                .with(Sort.by("completion.completedAt"));
        return mongo.stream(completed, Attempt.class).map(a -> {
            Attempt.Completion c = a.getCompletion();
            return new Row(c.certificateId(), a.getStaffNumber(), cell(a.getDepartment()), c.moduleCode(), c.moduleVersion(),
                    c.policyCode(), c.policyVersion(), c.score(), c.completedAt(), c.expiresAt());
        });
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
                ? "'" + text : text;
    }
}
