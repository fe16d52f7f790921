package org.trustgov.gateway.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.trustgov.problem.ProblemBodies;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses paths such as {@code /api/x/..;/y}, {@code ;jsessionid=}, an encoded slash or
 * a NUL before any route; its default answer is an empty 400. Here it is a 400 problem saying what kind of thing was
 * refused (the path itself is not echoed).
 */
@Component
public class ProblemRejectedHandler implements ServerExchangeRejectedHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, ProblemBodies.MEDIA_TYPE);
        byte[] body = ProblemBodies.body(
                HttpStatus.BAD_REQUEST,
                "The request path or its parameters contain characters "
                        + "or sequences the gateway does not accept (encoded slashes, path parameters, '..', control characters)",
                null);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
