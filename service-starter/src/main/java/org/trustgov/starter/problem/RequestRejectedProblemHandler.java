package org.trustgov.starter.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.trustgov.problem.ProblemBodies;

/**
 * Spring Security's firewall refuses paths such as {@code /api/x/..;/y}, {@code ;jsessionid=} or encoded slashes
 * before any controller runs. By default that surfaces as a server error; here it is what it is, a 400 problem
 * saying the path is not acceptable (the rejected text is not echoed).
 */
public class RequestRejectedProblemHandler implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(ProblemBodies.MEDIA_TYPE);
        response.getOutputStream()
                .write(ProblemBodies.body(
                        HttpStatus.BAD_REQUEST,
                        "The request path or its parameters contain characters or sequences this service does not accept "
                                + "(encoded slashes, path parameters, '..', control characters)",
                        null));
    }
}
