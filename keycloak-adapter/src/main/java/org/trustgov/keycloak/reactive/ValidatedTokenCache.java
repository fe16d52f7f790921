package org.trustgov.keycloak.reactive;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A {@link ReactiveJwtDecoder} that remembers the tokens its delegate has fully validated (signature, issuer,
 * audience, expiry), keyed by the SHA-256 of the token, until the token expires or {@code maxAge} has passed,
 * whichever comes first. A token seen again within that time is not verified again: the gateway checks the same
 * bearer token on every request of a session or an HR batch, and the RSA verification is the largest part of what
 * a request costs it. Nothing else changes: a failure is never cached (every invalid token is checked in full and
 * refused each time), a token is never served past its {@code exp} (no clock-skew allowance on a hit), and the
 * services behind still validate every token themselves.
 */
public final class ValidatedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> validated;
    private final Clock clock;

    public ValidatedTokenCache(ReactiveJwtDecoder delegate, int maxSize, Duration maxAge, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.validated = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, Jwt>creating((key, jwt) -> lifetime(jwt, maxAge, clock)))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        String key = key(token);
        Jwt known = validated.getIfPresent(key);
        if (known != null
                && known.getExpiresAt() != null
                && known.getExpiresAt().isAfter(clock.instant())) {
            return Mono.just(known);
        }
        return delegate.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(clock.instant())) {
                validated.put(key, jwt);
            }
        });
    }

    /** How many validated tokens are remembered now (for tests and metrics). */
    public long size() {
        validated.cleanUp();
        return validated.estimatedSize();
    }

    private static Duration lifetime(Jwt jwt, Duration maxAge, Clock clock) {
        Duration left =
                Duration.between(clock.instant(), jwt.getExpiresAt() == null ? Instant.EPOCH : jwt.getExpiresAt());
        return left.isNegative() ? Duration.ZERO : left.compareTo(maxAge) < 0 ? left : maxAge;
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
