package org.trustgov.starter.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.trustgov.problem.ProblemBodies;

/**
 * A request body's {@code Content-Type} must be one concrete media type. A wildcard ({@code application/*}) or an
 * unparseable value makes Spring MVC fail deep inside request handling (a server error); here it is a 415 problem
 * before anything is read.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !concrete(contentType)) {
            response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            response.setContentType(ProblemBodies.MEDIA_TYPE);
            response.getOutputStream()
                    .write(ProblemBodies.body(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "Content-Type must be one concrete media type such as application/json",
                            request.getRequestURI()));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean concrete(String contentType) {
        if (contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isConcrete();
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException, an unknown charset
            return false;
        }
    }
}
