package org.trustgov.gateway.session;

import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.trustgov.keycloak.Caller;
import reactor.core.publisher.Mono;

/**
 * What the web pages need to know about the signed-in person; no token ever leaves the gateway. The realm roles
 * come from the person's access token (validated, and refreshed when it has expired, as for {@code TokenRelay});
 * the pages use them only to decide which links and forms to show: each service checks the roles itself.
 */
@RestController
class SessionController {

    private final ReactiveOAuth2AuthorizedClientManager authorizedClients;
    private final ReactiveJwtDecoder jwtDecoder;

    private final long idleSeconds;

    SessionController(
            ReactiveOAuth2AuthorizedClientManager authorizedClients,
            ReactiveJwtDecoder jwtDecoder,
            SessionProperties sessions) {
        this.idleSeconds = sessions.idle().toSeconds();
        this.authorizedClients = authorizedClients;
        this.jwtDecoder = jwtDecoder;
    }

    @GetMapping("/session/me")
    Mono<Map<String, Object>> me(Authentication authentication, ServerWebExchange exchange) {
        if (!(authentication instanceof OAuth2AuthenticationToken login)
                || !(login.getPrincipal() instanceof OidcUser user)) {
            return Mono.just(Map.of("authenticated", false));
        }
        return roles(login, exchange)
                .map(roles -> Map.of(
                        "authenticated", true,
                        "name", String.valueOf(user.getFullName()),
                        "username", String.valueOf(user.getPreferredUsername()),
                        "staffNumber", String.valueOf(user.getClaimAsString("staff_number")),
                        "department", String.valueOf(user.getClaimAsString("department")),
                        "roles", roles,
                        // the pages warn before an unused session ends
                        "idleSeconds", idleSeconds));
    }

    private Mono<List<String>> roles(OAuth2AuthenticationToken login, ServerWebExchange exchange) {
        OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(
                        login.getAuthorizedClientRegistrationId())
                .principal(login)
                .attribute(ServerWebExchange.class.getName(), exchange)
                .build();
        return authorizedClients
                .authorize(request)
                .flatMap(client -> jwtDecoder.decode(client.getAccessToken().getTokenValue()))
                .map(jwt -> Caller.from(jwt).realmRoles().stream().sorted().toList())
                // An unreadable token or a session Keycloak no longer honours: no roles, the pages show the staff links
                // only.
                .onErrorResume(
                        e -> e instanceof JwtException || e instanceof OAuth2AuthorizationException,
                        e -> Mono.just(List.of()))
                .defaultIfEmpty(List.of());
    }
}
