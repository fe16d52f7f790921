package org.trustgov.starter.problem;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.trustgov.problem.ProblemBodies;

/**
 * Tomcat's own error page, for what Tomcat refuses before Spring sees the request (a {@code %00} or encoded slash
 * in the path, a malformed request line): an RFC 9457 problem instead of Tomcat's HTML report, with no server
 * name, exception or stack trace.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        String detail = switch (code) {
            case 400 -> "The request could not be read: its path, headers or body are malformed";
            case 404 -> "No such API path";
            case 413 -> "The request body is larger than this service accepts";
            case 414 -> "The request path is too long";
            case 500 -> "The service could not complete the request; it has been logged";
            default -> status.getReasonPhrase();
        };
        try {
            response.setContentType(ProblemBodies.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(ProblemBodies.body(status, detail, null), StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response was taken over: nothing more to say.
        }
    }
}
