package org.trustgov.keycloak.reactive;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import org.trustgov.keycloak.TokenProblems;
import org.trustgov.problem.ProblemBodies;
import reactor.core.publisher.Mono;

/** 403 with an RFC 9457 body for WebFlux applications. */
public class ProblemServerAccessDeniedHandler implements ServerAccessDeniedHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, ProblemBodies.MEDIA_TYPE);
        byte[] body = TokenProblems.forbidden(exchange.getRequest().getPath().value(), denied);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
