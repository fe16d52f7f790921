package org.trustgov.gateway.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.trustgov.keycloak.reactive.ProblemServerAccessDeniedHandler;
import org.trustgov.keycloak.reactive.ProblemServerAuthenticationEntryPoint;
import reactor.core.publisher.Mono;

/**
 * Two kinds of caller, two chains:
 * <ul>
 *   <li>browsers log in with Keycloak (authorization code + PKCE); the tokens stay in the gateway's server-side
 *       session and {@code TokenRelay} puts the access token on each proxied API call (backend-for-frontend);</li>
 *   <li>API clients (HR systems, scripts) send their own bearer token, which the gateway validates (issuer,
 *       signature, audience, expiry) and passes on unchanged; each service validates it again. An API request that
 *       carries no session cookie is handled by a stateless chain of its own ({@link #statelessApi}): no web
 *       session is read or created for it, no CSRF token and no saved request, so an HR batch or a flood of
 *       anonymous calls costs no session and cannot fill the session store.</li>
 * </ul>
 * An API path without credentials gets 401 with {@code WWW-Authenticate: Bearer} and a problem body, never a
 * redirect to the login page; a page without a session is redirected to login.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(CorsProperties.class)
class GatewaySecurityConfig {

    private static final ServerWebExchangeMatcher API = new PathPatternParserServerWebExchangeMatcher("/api/**");
    /** The services' OpenAPI documents, public through the gateway ({@code /api/policy/v3/api-docs} and below). */
    static final String API_DOCS = "/api/*/v3/api-docs/**";
    /**
     * The pages load scripts and styles from the gateway only, so an injected {@code <script>} never runs; inline
     * styles stay allowed for Swagger UI. No form-action: signing out redirects to Keycloak's logout page.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'none'";
    /**
     * The one-click unsubscribe link of reminder messages (RFC 8058): a mail client POSTs it with no credentials;
     * the signed link is the authority, checked by training-service, and its POST is no session's action (no CSRF).
     */
    static final String UNSUBSCRIBE = "/api/training/notifications/unsubscribe";
    /** WebFlux's server-side session cookie. */
    static final String SESSION_COOKIE = "SESSION";

    /** API requests without the session cookie: bearer tokens only, nothing kept between requests. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain statelessApi(
            ServerHttpSecurity http,
            ReactiveJwtDecoder jwtDecoder,
            ReactiveJwtAuthenticationConverterAdapter jwtConverter,
            CorsProperties cors) {
        ProblemServerAuthenticationEntryPoint apiEntryPoint = new ProblemServerAuthenticationEntryPoint();
        cors(http, cors);
        return http.securityMatcher(exchange -> API.matches(exchange)
                        .flatMap(api -> api.isMatch()
                                        && !exchange.getRequest().getCookies().containsKey(SESSION_COOKIE)
                                ? ServerWebExchangeMatcher.MatchResult.match()
                                : ServerWebExchangeMatcher.MatchResult.notMatch()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // One pattern ("/**" also matches nothing after it): each pattern costs a formatted debug message on
                // every request, as commons-logging builds Spring Security's log messages before checking the level.
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(API_DOCS, UNSUBSCRIBE)
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(rs -> rs.bearerTokenConverter(new BearerTokenHeader())
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(jwtConverter))
                        .authenticationEntryPoint(apiEntryPoint)
                        .accessDeniedHandler(new ProblemServerAccessDeniedHandler()))
                .exceptionHandling(e -> e.authenticationEntryPoint(apiEntryPoint)
                        .accessDeniedHandler(new ProblemServerAccessDeniedHandler()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain gatewaySecurity(
            ServerHttpSecurity http,
            ReactiveClientRegistrationRepository registrations,
            ReactiveJwtDecoder jwtDecoder,
            ReactiveJwtAuthenticationConverterAdapter jwtConverter,
            CorsProperties cors,
            Environment environment) {
        int managementPort = environment.getProperty("management.server.port", Integer.class, -1);
        ProblemServerAuthenticationEntryPoint apiEntryPoint = new ProblemServerAuthenticationEntryPoint();
        RedirectServerAuthenticationEntryPoint loginEntryPoint = new RedirectServerAuthenticationEntryPoint(
                "/oauth2/authorization/" + KeycloakLoginRegistration.REGISTRATION_ID);
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(API, apiEntryPoint));
        entryPoint.setDefaultEntryPoint(loginEntryPoint);

        DefaultServerOAuth2AuthorizationRequestResolver pkce =
                new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        OidcClientInitiatedServerLogoutSuccessHandler logout =
                new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/");

        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        cors(http, cors);
        return http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/", "/index.html", "/favicon.ico", "/css/**", "/js/**", "/session/me")
                        .permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        // Prometheus on the management port only (management.server.port, set in every deployment)
                        .matchers(exchange -> managementPort > 0
                                        && exchange.getRequest().getLocalAddress() != null
                                        && exchange.getRequest()
                                                        .getLocalAddress()
                                                        .getPort()
                                                == managementPort
                                        && "/actuator/prometheus"
                                                .equals(exchange.getRequest()
                                                        .getPath()
                                                        .value())
                                ? ServerWebExchangeMatcher.MatchResult.match()
                                : ServerWebExchangeMatcher.MatchResult.notMatch())
                        .permitAll()
                        // every other actuator endpoint, and the metrics on the public port: nobody
                        .pathMatchers("/actuator/**")
                        .denyAll()
                        .pathMatchers("/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/v3/api-docs/**")
                        .permitAll()
                        .pathMatchers(API_DOCS, UNSUBSCRIBE)
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2Login(login -> login.authorizationRequestResolver(pkce))
                .oauth2ResourceServer(rs -> rs.bearerTokenConverter(new BearerTokenHeader())
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(jwtConverter))
                        .authenticationEntryPoint(apiEntryPoint)
                        .accessDeniedHandler(new ProblemServerAccessDeniedHandler()))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new ProblemServerAccessDeniedHandler()))
                .logout(l -> l.logoutSuccessHandler(logout))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                // Only a request that carries the session cookie (an ambient credential) can be forged cross-site:
                // those need the XSRF-TOKEN double submit. Bearer requests and requests with no credentials at all
                // go on to authentication (and get 401 when they have none).
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(exchange -> unsafeMethod(exchange)
                                        && !hasBearer(exchange)
                                        && !UNSUBSCRIBE.equals(
                                                exchange.getRequest().getPath().value())
                                        && exchange.getRequest().getCookies().containsKey(SESSION_COOKIE)
                                ? ServerWebExchangeMatcher.MatchResult.match()
                                : ServerWebExchangeMatcher.MatchResult.notMatch()))
                .build();
    }

    /**
     * The users' OAuth2 tokens are kept in their web session, not in a map in this replica's memory (Boot's default):
     * with a shared session store (Redis) any gateway replica can relay and refresh them. Two requests of one
     * session may refresh an expired token at the same time; that is harmless here because the realm does not
     * revoke a refresh token on use (each refresh gives valid tokens, the last one written stays in the session).
     */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /**
     * Spring Security's firewall with its default rules, where header names and values are checked by
     * {@link HeaderCharacters} instead of the firewall's regular expressions: the same characters are refused (any
     * unassigned or control character; a tab is allowed in a value), in one pass over the characters. The regular
     * expressions were a hundredth of the gateway's time per request (a bearer token is a thousand characters).
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedInName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedInValue);
        return firewall;
    }

    /**
     * No observation of Spring Security's filters: with none wanted ({@code management.observations.enable.spring
     * .security=false}), Spring Security still wraps every filter of every request in an observing decorator unless
     * it is told here.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Makes sure the XSRF-TOKEN cookie is written, so pages and Swagger UI can echo it in a header. */
    @Bean
    WebFilter csrfCookieFilter() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return (token != null ? token.then() : Mono.<Void>empty()).then(chain.filter(exchange));
        };
    }

    private static void cors(ServerHttpSecurity http, CorsProperties cors) {
        if (cors.allowedOrigins().isEmpty()) {
            http.cors(ServerHttpSecurity.CorsSpec::disable);
        } else {
            http.cors(c -> c.configurationSource(ApiCors.source(cors)));
        }
    }

    private static boolean unsafeMethod(ServerWebExchange exchange) {
        return switch (exchange.getRequest().getMethod().name()) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
            default -> true;
        };
    }

    private static boolean hasBearer(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
