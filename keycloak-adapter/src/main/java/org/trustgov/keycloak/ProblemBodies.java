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

    public static byte[] body(HttpStatus status, String detail, String path) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (path != null) {
            problem.put("instance", URI.create(path).getRawPath());
        }
        return JSON.writeValueAsBytes(problem);
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
