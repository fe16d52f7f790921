package org.trustgov.keycloak.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.trustgov.keycloak.TokenProblems;
import org.trustgov.problem.ProblemBodies;

/** 403 with {@code WWW-Authenticate: Bearer error="insufficient_scope"} and an RFC 9457 problem body. */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        bearer.handle(request, response, denied);
        response.setContentType(ProblemBodies.MEDIA_TYPE);
        response.getOutputStream().write(TokenProblems.forbidden(request.getRequestURI(), denied));
    }
}
