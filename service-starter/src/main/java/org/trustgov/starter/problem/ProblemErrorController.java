package org.trustgov.starter.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.trustgov.problem.ProblemBodies;

/**
 * Replaces Boot's whitelabel/JSON error page: whatever reaches the container's error dispatch (an exception no
 * handler took, a body over the container's size limit, a filter failure) is answered as an RFC 9457 problem,
 * with no exception message or stack trace. It must be a {@code @Controller}: Spring MVC maps only controller
 * types, and an unmapped {@code /error} turns every server fault into a 404 "No static resource".
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController extends AbstractErrorController {

    public ProblemErrorController(ErrorAttributes errorAttributes) {
        super(errorAttributes);
    }

    @RequestMapping
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        Map<String, Object> attributes = getErrorAttributes(request, ErrorAttributeOptions.defaults());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                status,
                switch (status.value()) {
                    case 500 -> "The service could not complete the request; it has been logged";
                    case 413 -> "The request body is larger than this service accepts";
                    case 404 -> "No such API path";
                    default -> status.getReasonPhrase();
                });
        Object path = attributes.getOrDefault("path", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String instance = path == null ? null : ProblemBodies.instance(String.valueOf(path));
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
