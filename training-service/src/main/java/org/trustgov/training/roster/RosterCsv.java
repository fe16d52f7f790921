package org.trustgov.training.roster;

import java.io.InputStream;
import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.trustgov.starter.problem.BadRequestException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a roster CSV (UTF-8, header row with {@link RosterRow#COLUMNS} names, any order, extra columns ignored)
 * one row at a time with Jackson's CSV module. A row that cannot be parsed becomes a rejected row, not a failed
 * upload; a header without the key columns is a 400.
 */
final class RosterCsv {

    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final List<String> REQUIRED = List.of("staffNumber", "name", "department", "staffGroup");

    private RosterCsv() {
    }

    static Iterator<RosterRows.Parsed> rows(InputStream body) {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
        MappingIterator<Map<String, String>> lines;
        boolean any;
        try {
            lines = CSV.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(reader);
            any = lines.hasNextValue(); // reads the header
        } catch (JacksonException e) {
            throw new BadRequestException("header", "the CSV has no readable header row");
        }
        if (any && lines.parserSchema() instanceof CsvSchema schema) {
            List<String> header = schema.getColumnNames();
            for (String column : REQUIRED) {
                if (!header.contains(column)) {
                    throw new BadRequestException("header", "the CSV header lacks the column " + column
                            + " (expected: " + String.join(",", RosterRow.COLUMNS) + ")");
                }
            }
        }
        return new Iterator<>() {
            private int row;

            @Override
            public boolean hasNext() {
                try {
                    return lines.hasNextValue();
                } catch (JacksonException e) {
                    return false;
                }
            }

            @Override
            public RosterRows.Parsed next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                row++;
                try {
                    return RosterRows.parse(row, lines.nextValue());
                } catch (JacksonException e) {
                    return new RosterRows.Parsed(row, new RosterRow(null, null, null, null, null, null, null, null, null, null),
                            List.of(RosterRows.error("row", "cannot be read as CSV: " + e.getOriginalMessage())));
                }
            }
        };
    }
}
