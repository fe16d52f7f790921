package org.trustgov.keycloak.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.trustgov.keycloak.TokenProblems;
import org.trustgov.problem.ProblemBodies;

/** 401 with {@code WWW-Authenticate: Bearer ...} (RFC 6750) and an RFC 9457 problem body; never a redirect. */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        response.setContentType(ProblemBodies.MEDIA_TYPE);
        response.getOutputStream().write(TokenProblems.unauthorized(failure, request.getRequestURI()));
    }
}
