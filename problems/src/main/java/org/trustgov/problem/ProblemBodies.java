package org.trustgov.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem bodies written where no controller runs (a security entry point, a servlet filter, the gateway's
 * error handler), as the same JSON every service's controllers answer with.
 */
public final class ProblemBodies {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The title of every 400 that names what was wrong with the request, wherever it is written. */
    public static final String INVALID_REQUEST = "Invalid request";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemBodies() {}

    public static byte[] body(HttpStatus status, String detail, String path) {
        return body(status, detail, path, null);
    }

    /** A 400 for one field or parameter, named in {@code errors} as the services' validation problems name them. */
    public static byte[] invalid(String field, String message, String path) {
        return body(
                HttpStatus.BAD_REQUEST,
                INVALID_REQUEST,
                "Invalid " + field + ": " + message,
                path,
                List.of(Map.of("field", field, "message", message)));
    }

    private static byte[] body(HttpStatus status, String detail, String path, List<Map<String, String>> errors) {
        return body(status, status.getReasonPhrase(), detail, path, errors);
    }

    private static byte[] body(
            HttpStatus status, String title, String detail, String path, List<Map<String, String>> errors) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        String instance = instance(path);
        if (instance != null) {
            problem.put("instance", instance);
        }
        if (errors != null) {
            problem.put("errors", errors);
        }
        return JSON.writeValueAsBytes(problem);
    }

    /**
     * The request path as a problem's {@code instance}, or {@code null} when it is not a valid URI reference (a
     * hostile path such as {@code /api/%zz} must still get its problem body, just without an instance).
     */
    public static String instance(String path) {
        if (path == null || path.length() > 2000) {
            return null;
        }
        try {
            return URI.create(path).getRawPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
