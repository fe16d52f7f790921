package org.trustgov.gateway.session;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import org.trustgov.gateway.ratelimit.CallerRateLimitFilter;
import org.trustgov.gateway.ratelimit.RateLimitBuckets;
import reactor.core.publisher.Mono;

/**
 * Keeps anonymous visitors from filling the session store. Only a page that needs a login starts a session (to hold
 * the page to return to and the login's {@code state} and PKCE verifier); API calls never do (the stateless chain).
 * Such a session is started at most {@code anonymous-per-second} times a second per address (bursts of
 * {@code anonymous-burst}; beyond, 429 before Spring Security runs), and lives {@code anonymous-idle} (5 minutes)
 * until the person signs in, then {@code idle} (30 minutes). Public pages and static files start no session and
 * are not counted.
 */
@Component
class AnonymousSessionLimit implements WebFilter, Ordered {

    private static final ServerWebExchangeMatcher PUBLIC = ServerWebExchangeMatchers.matchers(
            new PathPatternParserServerWebExchangeMatcher("/api/**"),
            new PathPatternParserServerWebExchangeMatcher("/"),
            new PathPatternParserServerWebExchangeMatcher("/index.html"),
            new PathPatternParserServerWebExchangeMatcher("/favicon.ico"),
            new PathPatternParserServerWebExchangeMatcher("/css/**"),
            new PathPatternParserServerWebExchangeMatcher("/js/**"),
            new PathPatternParserServerWebExchangeMatcher("/webjars/**"),
            new PathPatternParserServerWebExchangeMatcher("/swagger-ui.html"),
            new PathPatternParserServerWebExchangeMatcher("/swagger-ui/**"),
            new PathPatternParserServerWebExchangeMatcher("/v3/api-docs/**"),
            new PathPatternParserServerWebExchangeMatcher("/session/me"),
            new PathPatternParserServerWebExchangeMatcher("/actuator/**"));

    private final SessionProperties settings;
    private final RateLimitBuckets buckets;
    private final BucketConfiguration configuration;

    AnonymousSessionLimit(SessionProperties settings, RateLimitBuckets buckets) {
        this.settings = settings;
        this.buckets = buckets;
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.anonymousBurst())
                        .refillGreedy(settings.anonymousPerSecond(), Duration.ofSeconds(1))
                        .build())
                .build();
    }

    @Override
    public int getOrder() {
        return -150; // before Spring Security (-100), which is where a login's session is started
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return PUBLIC.matches(exchange).flatMap(match -> {
            if (match.isMatch()) {
                return chain.filter(exchange);
            }
            // Registered before the session is first asked for, so it runs before the session manager saves it.
            // A session that could not be read (its store did not answer) has nothing to set: the answer already
            // says so (503), and failing here as well would turn it into a 500 at commit.
            exchange.getResponse()
                    .beforeCommit(() -> exchange.getSession()
                            .doOnNext(this::idleTime)
                            .then()
                            .onErrorComplete());
            return exchange.getSession()
                    .flatMap(session -> session.isStarted()
                            ? chain.filter(exchange) // an existing session: nothing new is stored
                            : limited(exchange, chain));
        });
    }

    private Mono<Void> limited(ServerWebExchange exchange, WebFilterChain chain) {
        var address = exchange.getRequest().getRemoteAddress();
        String key = "session-start:"
                + (address == null || address.getAddress() == null
                        ? "unknown"
                        : address.getAddress().getHostAddress());
        return buckets.tryConsume(key, configuration)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(answer -> {
                    if (answer.isEmpty() || answer.get().isConsumed()) {
                        return chain.filter(exchange);
                    }
                    ConsumptionProbe probe = answer.get();
                    long seconds = CallerRateLimitFilter.retryAfterSeconds(probe);
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
                    return Mono.error(new ResponseStatusException(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many sign-in attempts from this address; try again in " + seconds + " s"));
                });
    }

    private void idleTime(WebSession session) {
        if (!session.isStarted()) {
            return;
        }
        boolean signedIn = session.getAttributes()
                .containsKey(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME);
        Duration wanted = signedIn ? settings.idle() : settings.anonymousIdle();
        if (!wanted.equals(session.getMaxIdleTime())) {
            session.setMaxIdleTime(wanted);
        }
    }
}
