package org.trustgov.test;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A property-based fuzzer over a service's own API: it reads the service's OpenAPI document, and for every write
 * operation (and every read that takes query parameters) generates requests from a seeded random source, each a
 * plausible request with one hostile twist: a field of the wrong type, nesting hundreds deep, a lone surrogate, a
 * number past any range, a date in the year 999,999,999, an operator object or NUL key, an odd content type, a
 * path with {@code %zz} or {@code ..;}, a query parameter no parser expects. Every answer must be a 2xx or a 4xx
 * with an RFC 9457 problem body: never a 5xx, never a stack trace, never a fault disguised as 404.
 *
 * <p>The same seed gives the same requests, so a finding can be replayed.
 */
public final class HostileRequests {

    /** One operation of the API, as the OpenAPI document describes it. */
    public record Operation(
            String method,
            String path,
            List<Param> pathParams,
            List<Param> queryParams,
            List<String> contentTypes,
            JsonNode bodySchema) {

        boolean write() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public record Param(String name, JsonNode schema) {}

    /** A request whose answer broke a rule. */
    public record Finding(String request, int status, String rule, String answer) {
        @Override
        public String toString() {
            return status + " for " + request + ": " + rule + "\n    " + answer;
        }
    }

    /** What a run sent and saw. */
    public record Report(long seed, int sent, Map<Integer, Integer> statuses, List<Finding> findings) {
        public String summary(String service) {
            return "fuzz " + service + ": seed " + seed + ", " + sent + " requests, statuses " + statuses + ", "
                    + findings.size() + " finding(s)";
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Hostile values for one field, as JSON text. */
    static final List<String> HOSTILE_VALUES = List.of(
            "\"\\ud800\"",
            "\"a\\udc00b\"",
            "\"\\u0000\"",
            "\"x\\u0000y\"",
            "\"" + "x".repeat(60_000) + "\"",
            "1e400",
            "-1e400",
            "123456789012345678901234567890123456",
            "-0",
            "0.1e-400",
            "9223372036854775808",
            "2147483648",
            "-2147483649",
            "\"+999999999-12-31\"",
            "\"+999999999-12-31T23:59:59Z\"",
            "\"-999999999-01-01\"",
            "\"0000-00-00\"",
            "\"2026-02-30\"",
            "\"P\"",
            "\"P999999999Y\"",
            "\"P0D\"",
            "\"P-1Y\"",
            "\"PT1H\"",
            "{\"$gt\":\"\"}",
            "{\"$where\":\"sleep(1000)\"}",
            "{\"\\u0000\":1}",
            "{\"a.b\":1}",
            "{\"$set\":{\"x\":1}}",
            "[]",
            "{}",
            "null",
            "true",
            "\"\"",
            "\" \"",
            "\"\\u202e\"",
            "\"<script>alert(1)</script>\"",
            "\"../../../etc/passwd\"",
            "\"\\ud83d\\ude42\"",
            nested("[", "]", 40),
            nested("[", "]", 600),
            nested("{\"a\":", "}", 30),
            nested("{\"a\":", "}", 600),
            "[" + "1,".repeat(5000) + "1]");

    /** Whole bodies that are not what any endpoint reads. */
    static final List<String> HOSTILE_BODIES = List.of(
            "",
            "null",
            "[]",
            "{",
            "[1,2",
            "\u0000",
            "{\"a\":1,\"a\":2}",
            nested("[", "]", 700),
            nested("{\"a\":", "}", 700),
            "\"just a string\"",
            "12345678901234567890123456789",
            "{\"\\ud800\":1}",
            "\ufeff{}");

    static final List<String> HOSTILE_CONTENT_TYPES = List.of(
            "application/*",
            "*/*",
            "text/plain",
            "application/json; charset=foo",
            "application/json; charset=\"",
            "application/xml",
            "multipart/form-data",
            "application/x-www-form-urlencoded",
            "garbage",
            "application/json;;;",
            "text/csv",
            "image/png");

    /** Inserted into a path (raw, on the request line). */
    static final List<String> HOSTILE_PATH_PARTS = List.of(
            "%zz",
            "..;",
            ";jsessionid=1",
            "%00",
            "%2F",
            "%2e%2e",
            "%ff",
            "%c0%af",
            "/..",
            "//",
            "%252F",
            "a".repeat(5000),
            "%u0041",
            "%",
            "%0d%0aX-Injected:%20yes");

    /** Query parameter values (sent URL-encoded). */
    static final List<String> HOSTILE_QUERY_VALUES = List.of(
            "P999999999Y",
            "P",
            "P0D",
            "+999999999-12-31",
            "-999999999-01-01",
            "99999999999999999999",
            "-1",
            "0",
            "",
            "\u0000",
            "$where",
            "a,$where",
            "{\"$gt\":\"\"}",
            "2026-13-45",
            "1e400",
            "x".repeat(3000),
            "id,desc,$natural",
            "\ud800",
            "%zz",
            "%25zz",
            "abc",
            "reportedAt,%zz");

    /** Query parameter values already percent-encoded, sent as they are: bytes that are not UTF-8. */
    static final List<String> UNDECODABLE_QUERY_VALUES =
            List.of("%FF", "abc%C3", "%ED%A0%80", "%C0%AF", "%F4%90%80%80", "%FE%FF");

    /**
     * Values every paging parameter ({@code page}, {@code size}, {@code sort}) of every list gets, each once, on top of
     * the random budget: encoded once ({@code %zz} goes as {@code %25zz}) and twice, out of range and not numbers.
     */
    static final List<String> HOSTILE_PAGING_VALUES = List.of(
            "%zz",
            "%25zz",
            "%",
            "%%",
            "-1",
            "abc",
            "99999999999",
            "2147483648",
            "0x10",
            "1.5",
            "",
            " ",
            "reportedAt,%zz",
            "%252F",
            "a,b,c,desc,$natural",
            "\u0000");

    private final List<Operation> operations;
    private final Random random;
    private final long seed;

    public HostileRequests(JsonNode openApi, long seed) {
        this.operations = operations(openApi);
        this.seed = seed;
        this.random = new Random(seed);
    }

    public List<Operation> operations() {
        return operations;
    }

    /**
     * Sends {@code budget} requests (spread over the operations) with the given header lines (a token), checking
     * each answer. {@code pathValues} gives a value for a path parameter by name (a real id makes more requests
     * reach the service's rules), or {@code null} for a made-up one.
     */
    public Report run(RawHttp http, List<String> headers, int budget, Function<String, String> pathValues)
            throws IOException {
        List<Finding> findings = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        if (operations.isEmpty()) {
            throw new IllegalStateException("The OpenAPI document lists no operation to fuzz");
        }
        List<Request> requests = new ArrayList<>();
        List<Operation> targets = new ArrayList<>();
        for (int i = 0; i < budget; i++) {
            Operation op = operations.get(i % operations.size());
            requests.add(generate(op, pathValues));
            targets.add(op);
        }
        for (Operation op : operations) { // every paging parameter of every list, with each hostile paging value
            for (Param p : op.queryParams()) {
                if (op.method().equals("GET") && List.of("page", "size", "sort").contains(p.name())) {
                    String path = fill(op, pathValues);
                    for (String value : HOSTILE_PAGING_VALUES) {
                        requests.add(new Request(
                                "query",
                                p.name() + "=" + abbreviate(value),
                                path + "?" + replace(baselineQuery(op), p.name(), value),
                                null,
                                null));
                        targets.add(op);
                    }
                }
            }
        }
        for (Operation op : operations) { // every JSON body once, with its first field given twice
            String twice = op.write()
                            && op.bodySchema() != null
                            && (op.contentTypes().isEmpty()
                                    || op.contentTypes().get(0).startsWith("application/json"))
                    ? givenTwice(baselineBody(op))
                    : null;
            if (twice != null) {
                String query = baselineQuery(op);
                requests.add(new Request(
                        DUPLICATE,
                        abbreviate(twice),
                        fill(op, pathValues) + (query.isEmpty() ? "" : "?" + query),
                        "application/json",
                        twice.getBytes(StandardCharsets.UTF_8)));
                targets.add(op);
            }
        }
        for (Operation op : operations) { // every operation's first one-valued query parameter, given twice
            for (Param p : op.queryParams()) {
                String type = p.schema().path("type").asString("");
                if (type.equals("array") || type.equals("object") || p.name().equals("sort")) {
                    continue;
                }
                JsonNode value = sample(p.schema(), p.name());
                if (value.isArray() || value.isObject()) {
                    continue;
                }
                String query = baselineQuery(op);
                String again = encode(p.name()) + "=" + encode(value.asString());
                requests.add(new Request(
                        REPEATED,
                        p.name() + " twice",
                        fill(op, pathValues) + "?" + (query.isEmpty() ? again + "&" + again : query + "&" + again),
                        op.write() && op.bodySchema() != null ? "application/json" : null,
                        op.write() && op.bodySchema() != null
                                ? baselineBody(op).getBytes(StandardCharsets.UTF_8)
                                : null));
                targets.add(op);
                break;
            }
        }
        for (int i = 0; i < requests.size(); i++) {
            Operation op = targets.get(i);
            Request request = requests.get(i);
            List<String> lines = new ArrayList<>(headers);
            if (request.contentType != null) {
                lines.add("Content-Type: " + request.contentType);
            }
            RawHttp.Response answer;
            try {
                answer = http.send(op.method(), request.target, lines, request.body);
            } catch (IOException e) {
                findings.add(new Finding(request.describe(op), -1, "no HTTP answer: " + e.getMessage(), ""));
                continue;
            }
            sent++;
            statuses.merge(answer.status(), 1, Integer::sum);
            String broken = check(answer, request.kind);
            if (broken != null) {
                findings.add(new Finding(
                        request.describe(op),
                        answer.status(),
                        broken,
                        answer.body().substring(0, Math.min(300, answer.body().length()))));
            }
        }
        return new Report(seed, sent, statuses, findings);
    }

    /** The kind of request whose query value is percent-encoded bytes that are not UTF-8. */
    static final String UNDECODABLE = "undecodable query";

    /** The kind of request whose body gives one field twice, with the same value. */
    static final String DUPLICATE = "field given twice";

    /** The kind of request that gives a one-valued query parameter twice. */
    static final String REPEATED = "parameter given twice";

    /** The rule an answer breaks, or {@code null}. */
    static String check(RawHttp.Response answer, String kind) {
        int status = answer.status();
        if (status >= 500) {
            return "a server error";
        }
        String body = answer.body();
        if (kind.equals(UNDECODABLE) && (status != 400 || !body.contains("is not percent-encoded UTF-8 text"))) {
            return "a query value that is not UTF-8 not refused as such (400 naming the parameter)";
        }
        if (kind.equals(REPEATED) && (status < 400 || status == 400 && !body.contains("is given more than once"))) {
            return "a one-valued parameter given twice not refused as such (400 naming it)";
        }
        if (kind.equals(DUPLICATE) && (status < 400 || status == 400 && !body.contains("is given twice"))) {
            return "a body giving a field twice not refused as such (400 naming the field)";
        }
        if (body.contains("No static resource") || body.contains("\"instance\":\"/error\"")) {
            return "a fault disguised as a missing resource";
        }
        if (body.contains("Exception")
                || body.contains("\tat ")
                || body.contains("at org.")
                || body.contains("at java.")) {
            return "internals (an exception or stack trace) in the answer";
        }
        if (answer.count("X-Request-Id") > 1) {
            return "X-Request-Id sent more than once";
        }
        if (status >= 400) {
            String type = answer.header("Content-Type");
            if (type == null || !type.startsWith("application/problem+json")) {
                return "a " + status + " without an RFC 9457 problem body (Content-Type " + type + ")";
            }
            try {
                JsonNode problem = JSON.readTree(body);
                if (problem.path("status").asInt() != status) {
                    return "a problem body whose status is not " + status;
                }
            } catch (RuntimeException e) {
                return "a problem body that is not JSON";
            }
            if (status == 404 && !kind.equals("path")) {
                String detail =
                        body.contains("No such API path") ? "the route exists but the answer says it does not" : null;
                if (detail != null) {
                    return detail;
                }
            }
        }
        return null;
    }

    private record Request(String kind, String what, String target, String contentType, byte[] body) {
        String describe(Operation op) {
            String shown = target.length() > 160 ? target.substring(0, 160) + "…" : target;
            return op + " [" + kind + ": " + what + "] " + op.method() + " " + shown;
        }
    }

    private Request generate(Operation op, Function<String, String> pathValues) {
        String path = fill(op, pathValues);
        String query = baselineQuery(op);
        String contentType =
                op.contentTypes().isEmpty() ? null : op.contentTypes().get(0);
        String baseline = op.bodySchema() == null ? null : baselineBody(op);
        int choice = random.nextInt(op.write() ? 10 : 4);
        if (!op.write()) {
            // Reads: hostile query values, or a hostile path.
            if (choice < 3 && !op.queryParams().isEmpty()) {
                Param p = op.queryParams().get(random.nextInt(op.queryParams().size()));
                boolean undecodable = random.nextInt(4) == 0;
                String value = pick(undecodable ? UNDECODABLE_QUERY_VALUES : HOSTILE_QUERY_VALUES);
                return new Request(
                        undecodable ? UNDECODABLE : "query",
                        p.name() + "=" + abbreviate(value),
                        path + "?" + replace(query, p.name(), value, undecodable),
                        null,
                        null);
            }
            String part = pick(HOSTILE_PATH_PARTS);
            return new Request(
                    "path", abbreviate(part), insert(path, part) + (query.isEmpty() ? "" : "?" + query), null, null);
        }
        String target = path + (query.isEmpty() ? "" : "?" + query);
        byte[] body = baseline == null ? null : baseline.getBytes(StandardCharsets.UTF_8);
        switch (choice) {
            case 0, 1, 2, 3 -> { // one field hostile
                if (baseline == null || !baseline.startsWith("{")) {
                    String value = pick(HOSTILE_VALUES);
                    return new Request(
                            "body",
                            abbreviate(value),
                            target,
                            contentType == null ? "application/json" : contentType,
                            value.getBytes(StandardCharsets.UTF_8));
                }
                String value = pick(HOSTILE_VALUES);
                String mutated = mutateField(baseline, value);
                return new Request(
                        "field", abbreviate(value), target, contentType, mutated.getBytes(StandardCharsets.UTF_8));
            }
            case 4 -> {
                String value = pick(HOSTILE_BODIES);
                return new Request(
                        "body",
                        abbreviate(value),
                        target,
                        contentType == null ? "application/json" : contentType,
                        value.getBytes(StandardCharsets.UTF_8));
            }
            case 5 -> {
                String type = pick(HOSTILE_CONTENT_TYPES);
                return new Request(
                        "content-type",
                        type,
                        target,
                        type,
                        body == null ? "{}".getBytes(StandardCharsets.UTF_8) : body);
            }
            case 6 -> { // not UTF-8 at all
                byte[] junk = new byte[64];
                random.nextBytes(junk);
                return new Request(
                        "bytes", "random", target, contentType == null ? "application/json" : contentType, junk);
            }
            case 7 -> {
                if (!op.queryParams().isEmpty()) {
                    Param p =
                            op.queryParams().get(random.nextInt(op.queryParams().size()));
                    String value = pick(HOSTILE_QUERY_VALUES);
                    return new Request(
                            "query",
                            p.name() + "=" + abbreviate(value),
                            path + "?" + replace(query, p.name(), value),
                            contentType,
                            body);
                }
                String part = pick(HOSTILE_PATH_PARTS);
                return new Request("path", abbreviate(part), insert(path, part), contentType, body);
            }
            default -> {
                String part = pick(HOSTILE_PATH_PARTS);
                return new Request(
                        "path",
                        abbreviate(part),
                        insert(path, part) + (query.isEmpty() ? "" : "?" + query),
                        contentType,
                        body);
            }
        }
    }

    private String mutateField(String baseline, String hostile) {
        JsonNode tree = JSON.readTree(baseline);
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(tree, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>(target.propertyNames());
        String marker = "__hostile_" + Math.abs(random.nextLong()) + "__";
        if (names.isEmpty() || random.nextInt(8) == 0) {
            target.put(random.nextBoolean() ? "unexpected" : "$where", marker);
        } else {
            target.put(names.get(random.nextInt(names.size())), marker);
        }
        // The hostile value goes in as raw JSON text: it may be invalid JSON for a tree (a lone surrogate).
        return JSON.writeValueAsString(tree).replace("\"" + marker + "\"", hostile);
    }

    /**
     * The body with the first field of its first object given twice, the same value both times (so that nothing
     * but the repetition is wrong with it), or {@code null} when the body holds no field.
     */
    static String givenTwice(String baseline) {
        JsonNode tree;
        try {
            tree = JSON.readTree(baseline);
        } catch (RuntimeException e) {
            return null;
        }
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(tree, objects);
        for (ObjectNode object : objects) {
            if (object.isEmpty()) {
                continue;
            }
            String name = object.propertyNames().iterator().next();
            String value = JSON.writeValueAsString(object.get(name));
            String marker = "__twice_" + System.identityHashCode(object) + "__";
            object.put(name, marker);
            String field = JSON.writeValueAsString(name) + ":";
            return JSON.writeValueAsString(tree)
                    .replace(field + "\"" + marker + "\"", field + value + "," + field + value);
        }
        return null;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
            object.values().forEach(v -> collectObjects(v, into));
        } else if (node instanceof ArrayNode array) {
            array.values().forEach(v -> collectObjects(v, into));
        }
    }

    private String fill(Operation op, Function<String, String> pathValues) {
        String path = op.path();
        for (Param p : op.pathParams()) {
            String value = pathValues == null ? null : pathValues.apply(p.name());
            if (value == null) {
                value = sample(p.schema(), p.name()).asString();
            }
            path = path.replace("{" + p.name() + "}", encode(value));
        }
        return path;
    }

    private static String baselineQuery(Operation op) {
        StringBuilder query = new StringBuilder();
        for (Param p : op.queryParams()) {
            if (p.schema().path("type").asString("").equals("object")) {
                continue; // a flattened object (a Pageable) is sent by its parts
            }
            JsonNode value = sample(p.schema(), p.name());
            if (value.isArray() || value.isObject()) {
                continue;
            }
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(encode(p.name())).append('=').append(encode(value.asString()));
        }
        return query.toString();
    }

    private static String replace(String query, String name, String value) {
        return replace(query, name, value, false);
    }

    /** The query with parameter {@code name} set to {@code value}, encoded, or as it is when {@code raw}. */
    private static String replace(String query, String name, String value, boolean raw) {
        String encoded = encode(name) + "=" + (raw ? value : encode(value));
        if (query.isEmpty()) {
            return encoded;
        }
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        for (String part : query.split("&")) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            if (part.startsWith(encode(name) + "=")) {
                out.append(encoded);
                replaced = true;
            } else {
                out.append(part);
            }
        }
        if (!replaced) {
            out.append('&').append(encoded);
        }
        return out.toString();
    }

    private String insert(String path, String part) {
        List<Integer> slashes = new ArrayList<>();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                slashes.add(i);
            }
        }
        int at = random.nextBoolean() ? path.length() : slashes.get(random.nextInt(slashes.size())) + 1;
        return path.substring(0, at) + part + path.substring(at);
    }

    private String baselineBody(Operation op) {
        JsonNode schema = op.bodySchema();
        JsonNode example = schema.get("example");
        if (example != null) {
            return example.isString() ? example.asString() : JSON.writeValueAsString(example);
        }
        return JSON.writeValueAsString(sample(schema, "body"));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A plausible value for a schema: its example, its first enum value, or something of its type. */
    static JsonNode sample(JsonNode schema, String name) {
        if (schema == null || schema.isMissingNode()) {
            return NODES.stringNode("x");
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        if (schema.has("default")) {
            return schema.get("default");
        }
        String type = schema.path("type").asString("object");
        String format = schema.path("format").asString("");
        return switch (type) {
            case "integer" ->
                NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> NODES.arrayNode().add(sample(schema.get("items"), name));
            case "string" ->
                NODES.stringNode(
                        switch (format) {
                            case "date" -> "2026-11-30";
                            case "date-time" -> "2026-11-30T10:00:00Z";
                            case "uri" -> "https://www.nhs.uk/";
                            default -> name.toLowerCase().contains("staff") ? "10000001" : "x";
                        });
            default -> {
                ObjectNode object = NODES.objectNode();
                JsonNode properties = schema.path("properties");
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                properties.properties().iterator();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    object.set(e.getKey(), sample(e.getValue(), e.getKey()));
                }
                yield object;
            }
        };
    }

    /** The operations to fuzz: every write, and every read with query parameters; {@code $ref}s resolved. */
    static List<Operation> operations(JsonNode openApi) {
        List<Operation> operations = new ArrayList<>();
        JsonNode components = openApi.path("components").path("schemas");
        for (Map.Entry<String, JsonNode> path : openApi.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode operation = method.getValue();
                List<Param> pathParams = new ArrayList<>();
                List<Param> queryParams = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    Param p = new Param(
                            parameter.path("name").asString(), resolve(parameter.path("schema"), components, 0));
                    switch (parameter.path("in").asString()) {
                        case "path" -> pathParams.add(p);
                        case "query" -> queryParams.add(p);
                        default -> {}
                    }
                }
                List<String> contentTypes = new ArrayList<>();
                JsonNode bodySchema = null;
                for (Map.Entry<String, JsonNode> content :
                        operation.path("requestBody").path("content").properties()) {
                    contentTypes.add(content.getKey());
                    if (bodySchema == null && content.getKey().contains("json")) {
                        bodySchema = resolve(content.getValue().path("schema"), components, 0);
                    }
                }
                String verb = method.getKey().toUpperCase();
                if (!verb.equals("GET") || !queryParams.isEmpty()) {
                    operations.add(
                            new Operation(verb, path.getKey(), pathParams, queryParams, contentTypes, bodySchema));
                }
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode components, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 8) {
            return schema;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            JsonNode target = components.path(ref.substring(ref.lastIndexOf('/') + 1));
            JsonNode resolved = resolve(target, components, depth + 1);
            if (schema.has("example") && resolved instanceof ObjectNode object) {
                ObjectNode copy = object.deepCopy();
                copy.set("example", schema.get("example"));
                return copy;
            }
            return resolved;
        }
        if (schema instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            if (copy.has("properties")) {
                ObjectNode properties = NODES.objectNode();
                copy.get("properties")
                        .properties()
                        .forEach(e -> properties.set(e.getKey(), resolve(e.getValue(), components, depth + 1)));
                copy.set("properties", properties);
            }
            if (copy.has("items")) {
                copy.set("items", resolve(copy.get("items"), components, depth + 1));
            }
            return copy;
        }
        return schema;
    }

    private static String nested(String open, String close, int depth) {
        return open.repeat(depth) + "1" + close.repeat(depth);
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…(" + value.length() + ")" : printable;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
