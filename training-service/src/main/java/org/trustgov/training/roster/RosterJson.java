package org.trustgov.training.roster;

import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.trustgov.starter.problem.BadRequestException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a roster upload sent as a JSON array of row objects one element at a time from the request stream (with
 * the service's own JSON limits), so an upload of any size is never held whole. An element that is not an object
 * is a rejected row; JSON broken part-way stops the reading with a last rejected entry saying from which line on
 * nothing could be read (the rows before it are applied).
 */
final class RosterJson {

    private RosterJson() {
    }

    static Iterator<RosterRows.Parsed> rows(JsonMapper json, InputStream body) {
        // One element at a time: what follows an element in the array is not a "trailing token".
        ObjectReader elements = json.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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
                    JsonNode element = elements.readValue(parser);
                    if (element == null || !element.isObject()) {
                        return new RosterRows.Parsed(row, line, empty(), List.of(RosterRows.error("row", "must be a JSON object")));
                    }
                    Map<String, Object> raw = new LinkedHashMap<>();
                    // Plain values as text (RosterRows reads each field); an object or list stays one, to be refused.
                    element.properties().forEach(e -> raw.put(e.getKey(), e.getValue().isNull() ? null
                            : e.getValue().isValueNode() ? e.getValue().asString() : Map.of()));
                    return RosterRows.parse(row, line, raw);
                } catch (JacksonException e) {
                    broken = true;
                    parser.close();
                    return new RosterRows.Parsed(row == 0 ? 1 : row, line, empty(), List.of(RosterRows.error("row",
                            "the JSON cannot be read from line " + line + " on (" + reason(e) + "); nothing after it was applied")));
                }
            }
        };
    }

    private static String reason(JacksonException e) {
        return e instanceof StreamConstraintsException ? "nested too deeply or too long"
                : "malformed JSON";
    }

    private static RosterRow empty() {
        return new RosterRow(null, null, null, null, null, null, null, null, null, null);
    }
}
