package org.trustgov.keycloak;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.trustgov.problem.ProblemBodies;

/** The 401 and 403 problem bodies of token checks, and the RFC 6750 challenge, written before any controller runs. */
public final class TokenProblems {

    private TokenProblems() {}

    public static byte[] unauthorized(AuthenticationException failure, String path) {
        return ProblemBodies.body(HttpStatus.UNAUTHORIZED, unauthorizedDetail(failure), path);
    }

    public static byte[] forbidden(String path) {
        return ProblemBodies.body(HttpStatus.FORBIDDEN, "Your role does not allow this request", path);
    }

    /**
     * 403 saying why, when the refusal came from a rule of the service ("only the subject or governance may
     * appeal"); Spring Security's own generic refusals get the generic text.
     */
    public static byte[] forbidden(String path, org.springframework.security.access.AccessDeniedException denied) {
        String reason = denied == null ? null : denied.getMessage();
        boolean generic = reason == null
                || reason.isBlank()
                || reason.equalsIgnoreCase("Access Denied")
                || reason.startsWith("Access is denied");
        return generic ? forbidden(path) : ProblemBodies.body(HttpStatus.FORBIDDEN, reason, path);
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
        if (failure instanceof OAuth2AuthenticationException oauth
                && oauth.getError().getDescription() != null) {
            return "The bearer token was refused: " + oauth.getError().getDescription();
        }
        return "A valid bearer token is required";
    }
}
