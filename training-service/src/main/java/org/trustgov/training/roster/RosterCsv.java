package org.trustgov.training.roster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trustgov.problem.BadRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a roster CSV (UTF-8, with or without a byte order mark; a header row of {@link RosterRow#COLUMNS} names in any
 * order, extra columns ignored; a row whose bytes are not UTF-8 is rejected)
 * one record at a time, so an upload of any size is never held whole. Each record is cut out on its own (quotes
 * respected, so a quoted value may hold commas and line breaks) and its values parsed by Jackson's CSV module; a
 * record that cannot be read becomes a rejected row with its line number, and reading goes on with the next line.
 * Every line of the upload is thus either applied or reported. A header without the key columns is a 400.
 */
final class RosterCsv {

    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final ObjectReader VALUES = CSV.readerForListOf(String.class).with(CsvSchema.emptySchema());
    private static final List<String> REQUIRED = List.of("staffNumber", "name", "department", "staffGroup");

    private RosterCsv() {}

    /** One record as cut from the upload: where it starts and ends, its text, and whether its quotes closed. */
    record Record(int firstLine, int lastLine, String text, boolean unclosedQuote) {}

    static Iterator<RosterRows.Parsed> rows(InputStream body) {
        Records records = new Records(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
        if (!records.hasNext()) {
            return Collections.emptyIterator(); // an empty upload: nothing to apply, nothing to report
        }
        Record headerRecord = withoutByteOrderMark(records.next());
        List<String> header = headerRecord.unclosedQuote() ? null : values(headerRecord);
        if (header == null) {
            throw new BadRequestException("header", "the CSV has no readable header row");
        }
        for (String column : REQUIRED) {
            if (!header.contains(column)) {
                throw new BadRequestException(
                        "header",
                        "the CSV header lacks the column " + column + " (expected: "
                                + String.join(",", RosterRow.COLUMNS) + ")");
            }
        }
        return new Iterator<>() {
            private int row;

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public RosterRows.Parsed next() {
                Record record = records.next();
                row++;
                if (record.unclosedQuote()) {
                    return rejected(
                            row,
                            record,
                            "row",
                            "opens a quoted value that is never closed: lines " + record.firstLine() + " to "
                                    + record.lastLine() + " could not be read");
                }
                if (record.text().indexOf(UNREADABLE) >= 0) {
                    return rejected(
                            row,
                            record,
                            "row",
                            "is not UTF-8 text: a byte could not be read (save the file as CSV UTF-8; a spreadsheet's "
                                    + "plain CSV writes names such as Zoë in another encoding)");
                }
                List<String> values = values(record);
                if (values == null) {
                    return rejected(row, record, "row", "cannot be read as CSV");
                }
                if (values.size() > header.size()) {
                    return rejected(
                            row,
                            record,
                            "row",
                            "has " + values.size() + " values but the header has " + header.size() + " columns");
                }
                Map<String, String> named = new LinkedHashMap<>();
                for (int i = 0; i < values.size(); i++) {
                    named.put(header.get(i), values.get(i));
                }
                return RosterRows.parse(row, record.firstLine(), named);
            }
        };
    }

    /** What the reader puts where the bytes are not UTF-8 (a row holding it is rejected, never stored so). */
    private static final char UNREADABLE = '\uFFFD';

    /** A spreadsheet's "CSV UTF-8" starts with a byte order mark, which is not part of the first column's name. */
    private static Record withoutByteOrderMark(Record header) {
        return header.text().startsWith("\uFEFF")
                ? new Record(
                        header.firstLine(), header.lastLine(), header.text().substring(1), header.unclosedQuote())
                : header;
    }

    private static RosterRows.Parsed rejected(int row, Record record, String field, String message) {
        return new RosterRows.Parsed(
                row,
                record.firstLine(),
                new RosterRow(null, null, null, null, null, null, null, null, null, null),
                List.of(RosterRows.error(field, message)));
    }

    /** The record's values, or {@code null} when Jackson cannot read it. */
    private static List<String> values(Record record) {
        try {
            List<String> values = VALUES.readValue(record.text());
            return values == null ? List.of() : values;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Cuts the upload into records: a line break ends a record unless it is inside a quoted value. Blank lines are skipped. */
    private static final class Records extends ReadAhead<Record> {
        private final BufferedReader reader;
        private int line;

        Records(BufferedReader reader) {
            this.reader = reader;
        }

        @Override
        protected Record read() {
            try {
                String text;
                do {
                    text = reader.readLine();
                    line++;
                    if (text == null) {
                        return null;
                    }
                } while (text.isBlank());
                int first = line;
                StringBuilder record = new StringBuilder(text);
                boolean open = quotesOpen(text, false);
                while (open) {
                    String more = reader.readLine();
                    if (more == null) {
                        return new Record(first, line, record.toString(), true);
                    }
                    line++;
                    record.append('\n').append(more);
                    open = quotesOpen(more, true);
                }
                return new Record(first, line, record.toString(), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Whether a quoted value is still open at the end of {@code text}, given whether one was open at its start. */
        private static boolean quotesOpen(String text, boolean open) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '"') {
                    open = !open; // a doubled quote inside a value toggles twice: it stays open
                }
            }
            return open;
        }
    }
}
