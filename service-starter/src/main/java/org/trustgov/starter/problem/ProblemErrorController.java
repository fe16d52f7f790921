package org.trustgov.starter.problem;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Boot's whitelabel/JSON error page: whatever reaches the container's error dispatch (an exception no
 * handler took, a body over the container's size limit, a filter failure) is answered as an RFC 9457 problem,
 * with no exception message or stack trace.
 */
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController extends AbstractErrorController {

    public ProblemErrorController(ErrorAttributes errorAttributes) {
        super(errorAttributes);
    }

    @RequestMapping(produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        Map<String, Object> attributes = getErrorAttributes(request, ErrorAttributeOptions.defaults());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, switch (status) {
            case INTERNAL_SERVER_ERROR -> "The service could not complete the request; it has been logged";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than this service accepts";
            default -> status.getReasonPhrase();
        });
        Object path = attributes.getOrDefault("path", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (path != null) {
            problem.setInstance(URI.create(String.valueOf(path)));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
