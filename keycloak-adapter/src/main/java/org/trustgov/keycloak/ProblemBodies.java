package org.trustgov.keycloak;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem bodies for the errors raised by security filters, before any controller runs. */
public final class ProblemBodies {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemBodies() {
    }

    public static byte[] unauthorized(AuthenticationException failure, String path) {
        return body(HttpStatus.UNAUTHORIZED, unauthorizedDetail(failure), path);
    }

    public static byte[] forbidden(String path) {
        return body(HttpStatus.FORBIDDEN, "Your role does not allow this request", path);
    }

    /**
     * 403 saying why, when the refusal came from a rule of the service ("only the subject or governance may
     * appeal"); Spring Security's own generic refusals get the generic text.
     */
    public static byte[] forbidden(String path, org.springframework.security.access.AccessDeniedException denied) {
        String reason = denied == null ? null : denied.getMessage();
        boolean generic = reason == null || reason.isBlank() || reason.equalsIgnoreCase("Access Denied")
                || reason.startsWith("Access is denied");
        return generic ? forbidden(path) : body(HttpStatus.FORBIDDEN, reason, path);
    }

    public static byte[] body(HttpStatus status, String detail, String path) {
        return body(status, detail, path, null);
    }

    /** A 400 for one field or parameter, named in {@code errors} as the services' validation problems name them. */
    public static byte[] invalid(String field, String message, String path) {
        return body(HttpStatus.BAD_REQUEST, "Invalid " + field + ": " + message, path,
                java.util.List.of(Map.of("field", field, "message", message)));
    }

    private static byte[] body(HttpStatus status, String detail, String path, java.util.List<Map<String, String>> errors) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
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

    /** RFC 6750 challenge: {@code Bearer}, with {@code error="invalid_token"} when a token was sent and refused. */
    public static String wwwAuthenticate(AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            return "Bearer error=\"" + oauth.getError().getErrorCode() + "\""
                    + (description == null ? "" : ", error_description=\"" + description.replace("\"", "'") + "\"");
        }
        return "Bearer";
    }

    /** Says why a token was refused (expired, wrong audience, bad signature) without echoing the token. */
    static String unauthorizedDetail(AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
            return "The bearer token was refused: " + oauth.getError().getDescription();
        }
        return "A valid bearer token is required";
    }
}
