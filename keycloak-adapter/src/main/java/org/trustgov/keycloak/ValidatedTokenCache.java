package org.trustgov.keycloak;

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
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers the tokens a decoder has fully validated (signature, issuer, audience, expiry), keyed by the SHA-256 of
 * the token, until the token expires or {@code maxAge} has passed, whichever comes first. A token seen again within
 * that time is not decoded and verified again: a session's, an HR batch's or a service's requests all carry the same
 * bearer token, and decoding it (Base64 in constant time, the JSON, the RSA signature) is the largest part of what
 * a small request costs. Put in front of the gateway's reactive decoder ({@link #reactive}) and of every service's
 * decoder ({@link #blocking}). Nothing else changes: a failure is never cached (every invalid token is checked in
 * full and refused each time), a token is never served past its {@code exp} (no clock-skew allowance on a hit), and
 * each service keeps its own cache, so every service has validated every token it accepts itself.
 */
public final class ValidatedTokenCache {

    private final Cache<String, Jwt> validated;
    private final Clock clock;

    public ValidatedTokenCache(int maxSize, Duration maxAge, Clock clock) {
        this.clock = clock;
        this.validated = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, Jwt>creating((key, jwt) -> lifetime(jwt, maxAge, clock)))
                .build();
    }

    /** The settings' cache in front of {@code decoder}, or the decoder itself when the settings turn it off. */
    public static JwtDecoder blocking(JwtDecoder decoder, KeycloakProperties.TokenCache settings) {
        return settings.enabled()
                ? new ValidatedTokenCache(settings.maxSize(), settings.maxAge(), Clock.systemUTC()).blocking(decoder)
                : decoder;
    }

    /** The settings' cache in front of {@code decoder}, or the decoder itself when the settings turn it off. */
    public static ReactiveJwtDecoder reactive(ReactiveJwtDecoder decoder, KeycloakProperties.TokenCache settings) {
        return settings.enabled()
                ? new ValidatedTokenCache(settings.maxSize(), settings.maxAge(), Clock.systemUTC()).reactive(decoder)
                : decoder;
    }

    /** A decoder that answers from this cache, and asks {@code delegate} (remembering what it accepts) otherwise. */
    public JwtDecoder blocking(JwtDecoder delegate) {
        return token -> {
            String key = key(token);
            Jwt known = known(key);
            if (known != null) {
                return known;
            }
            Jwt jwt = delegate.decode(token);
            remember(key, jwt);
            return jwt;
        };
    }

    /** As {@link #blocking}, for WebFlux. */
    public ReactiveJwtDecoder reactive(ReactiveJwtDecoder delegate) {
        return token -> {
            String key = key(token);
            Jwt known = known(key);
            return known != null
                    ? reactor.core.publisher.Mono.just(known)
                    : delegate.decode(token).doOnNext(jwt -> remember(key, jwt));
        };
    }

    /** How many validated tokens are remembered now (for tests and metrics). */
    public long size() {
        validated.cleanUp();
        return validated.estimatedSize();
    }

    private Jwt known(String key) {
        Jwt known = validated.getIfPresent(key);
        return known != null
                        && known.getExpiresAt() != null
                        && known.getExpiresAt().isAfter(clock.instant())
                ? known
                : null;
    }

    private void remember(String key, Jwt jwt) {
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(clock.instant())) {
            validated.put(key, jwt);
        }
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
