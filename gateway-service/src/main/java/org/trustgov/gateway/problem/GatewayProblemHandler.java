package org.trustgov.gateway.problem;

import io.lettuce.core.RedisException;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.trustgov.gateway.requestid.RequestIdWebFilter;
import org.trustgov.problem.ProblemBodies;
import reactor.core.publisher.Mono;

/**
 * Errors raised inside the gateway itself become RFC 9457 problem bodies, like the services' errors: an unknown
 * path 404, a service that cannot be reached 503 with {@code Retry-After}, a service whose connection broke before
 * it answered (reset, closed: an instance dying mid-request) 502 with {@code Retry-After}, the shared session store
 * (Redis) not answering 503 with {@code Retry-After}, a service that does not answer in time 504, anything else 500
 * without exception text. A GET has already been tried twice by then (the Retry filter). Runs before Boot's default
 * JSON error handler.
 */
@Component
@Order(-2)
public class GatewayProblemHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblemHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode status;
        String detail;
        if (error instanceof ResponseStatusException rse) {
            status = rse.getStatusCode();
            detail = status.value() == 404 ? "No such page or API path" : rse.getReason();
        } else if (hasCause(error, RedisException.class) || hasCause(error, DataAccessResourceFailureException.class)) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = "The gateway's session store did not answer in time; try again shortly";
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        } else if (hasCause(error, ConnectException.class) || hasCause(error, ConnectTimeoutException.class)) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = "The service behind this path is not reachable just now; try again shortly";
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        } else if (hasCause(error, TimeoutException.class)) {
            status = HttpStatus.GATEWAY_TIMEOUT;
            detail = "The service behind this path did not answer in time";
        } else if (hasCause(error, java.io.IOException.class)) { // reset or closed by the service before it answered
            status = HttpStatus.BAD_GATEWAY;
            detail = "The service behind this path broke off before answering; try again shortly";
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        } else {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            detail = "The gateway could not complete the request; it has been logged";
        }
        if (status.is5xxServerError()) {
            // The request id is put in the MDC here, where the line is written: it is not carried across threads.
            try (var id = MDC.putCloseable(
                    RequestIdWebFilter.KEY, response.getHeaders().getFirst(RequestIdWebFilter.HEADER))) {
                log.warn(
                        "{} {} failed with {}: {}",
                        exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(),
                        status.value(),
                        error.toString());
            }
        }
        HttpStatus resolved = HttpStatus.resolve(status.value());
        response.setStatusCode(status);
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, ProblemBodies.MEDIA_TYPE);
        byte[] body = ProblemBodies.body(
                resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR,
                detail != null ? detail : String.valueOf(resolved),
                exchange.getRequest().getPath().value());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
