package org.trustgov.training.roster;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trustgov.problem.BadRequestException;
import org.trustgov.starter.limits.BodyTooLargeException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a roster upload sent as a JSON array of row objects one element at a time from the request stream (with
 * the service's own JSON limits), so an upload of any size is never held whole, nor is one element: it is read
 * token by token, at most {@link #MAX_FIELDS} fields of it, a nested value skipped over, never built. An element
 * that is not an object is a rejected row; JSON broken part-way stops the reading with a last rejected entry saying
 * from which line on nothing could be read (the rows before it are applied). A body over the size limit is not
 * broken JSON: it ends the upload as too large (413).
 */
final class RosterJson {

    /** The most fields one row object may have: a roster row has ten columns. */
    static final int MAX_FIELDS = 50;

    private RosterJson() {}

    static Iterator<RosterRows.Parsed> rows(JsonMapper json, InputStream body) {
        JsonParser parser;
        try {
            parser = json.createParser(body);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new BadRequestException("body", "must be a JSON array of roster rows");
            }
        } catch (JacksonException e) {
            throw new BadRequestException("body", "must be a JSON array of roster rows");
        }
        return new ReadAhead<>() {
            private int row;
            private boolean broken;

            @Override
            protected RosterRows.Parsed read() {
                if (broken) {
                    return null;
                }
                int line = (int) parser.currentLocation().getLineNr();
                try {
                    JsonToken token = parser.nextToken();
                    if (token == null || token == JsonToken.END_ARRAY) {
                        parser.close();
                        return null;
                    }
                    row++;
                    line = (int) parser.currentTokenLocation().getLineNr();
                    if (token != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        return new RosterRows.Parsed(
                                row, line, empty(), List.of(RosterRows.error("row", "must be a JSON object")));
                    }
                    Map<String, Object> raw = new LinkedHashMap<>();
                    int fields = 0;
                    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                        String name = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (++fields > MAX_FIELDS) {
                            parser.skipChildren();
                            continue; // read past the rest of the object, keeping nothing
                        }
                        // Plain values as text (RosterRows reads each field); an object or list is skipped, to be
                        // refused.
                        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                            parser.skipChildren();
                            raw.put(name, Map.of());
                        } else {
                            raw.put(name, value == JsonToken.VALUE_NULL ? null : parser.getString());
                        }
                    }
                    if (fields > MAX_FIELDS) {
                        return new RosterRows.Parsed(
                                row,
                                line,
                                empty(),
                                List.of(RosterRows.error(
                                        "row", "has " + fields + " fields; a roster row has at most " + MAX_FIELDS)));
                    }
                    return RosterRows.parse(row, line, raw);
                } catch (JacksonException e) {
                    broken = true;
                    parser.close();
                    BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
                    if (tooLarge != null) {
                        throw new UncheckedIOException(tooLarge);
                    }
                    return new RosterRows.Parsed(
                            row == 0 ? 1 : row,
                            line,
                            empty(),
                            List.of(RosterRows.error(
                                    "row",
                                    "the JSON cannot be read from line " + line + " on (" + reason(e)
                                            + "); nothing after it was applied")));
                }
            }
        };
    }

    private static String reason(JacksonException e) {
        return e instanceof StreamConstraintsException ? "nested too deeply or too long" : "malformed JSON";
    }

    private static RosterRow empty() {
        return new RosterRow(null, null, null, null, null, null, null, null, null, null);
    }
}
