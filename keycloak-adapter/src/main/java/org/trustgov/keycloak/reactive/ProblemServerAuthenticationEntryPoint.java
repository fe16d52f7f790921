package org.trustgov.keycloak.reactive;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import org.trustgov.keycloak.TokenProblems;
import org.trustgov.problem.ProblemBodies;
import reactor.core.publisher.Mono;

/** WebFlux twin of the servlet entry point: 401, {@code WWW-Authenticate: Bearer}, RFC 9457 body, no redirect. */
public class ProblemServerAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        return Mono.defer(() -> {
            var response = exchange.getResponse();
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, TokenProblems.wwwAuthenticate(failure));
            response.getHeaders().set(HttpHeaders.CONTENT_TYPE, ProblemBodies.MEDIA_TYPE);
            byte[] body = TokenProblems.unauthorized(
                    failure, exchange.getRequest().getPath().value());
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        });
    }
}
