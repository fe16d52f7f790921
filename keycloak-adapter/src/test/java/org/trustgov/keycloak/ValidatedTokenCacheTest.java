package org.trustgov.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.trustgov.keycloak.test.TestTokens;
import reactor.core.publisher.Mono;

class ValidatedTokenCacheTest {

    /** A clock the test moves; the cache's expiry reads it too. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final JwtDecoder full = TestTokens.decoder();
    private final AtomicInteger verifications = new AtomicInteger();
    private final ReactiveJwtDecoder counting = token -> Mono.fromCallable(() -> {
        verifications.incrementAndGet();
        return full.decode(token);
    });
    private final MovableClock clock = new MovableClock();
    private final ValidatedTokenCache tokens = new ValidatedTokenCache(100, Duration.ofMinutes(5), clock);
    private final ReactiveJwtDecoder cache = tokens.reactive(counting);

    @Test
    void aValidTokenIsVerifiedOnceAndServedFromTheCacheAfter() {
        String token = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");

        Jwt first = cache.decode(token).block();
        Jwt second = cache.decode(token).block();

        assertThat(second).isEqualTo(first);
        assertThat(second.getClaimAsString("preferred_username")).isEqualTo("alex.nurse");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRefusedTokenIsNeverCachedAndIsRefusedInFullEveryTime() {
        String token = TestTokens.builder().audience("account").sign();

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.decode(token).block())
                    .isInstanceOf(JwtValidationException.class)
                    .hasMessageContaining("audience");
        }
        assertThat(verifications).hasValue(3);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aCachedTokenIsNotServedPastItsExpiry() {
        String token =
                TestTokens.builder().expiresAt(clock.instant().plusSeconds(60)).sign();
        cache.decode(token).block();

        clock.advance(Duration.ofSeconds(61));

        cache.decode(token).block(); // the full check again (still inside the delegate's clock skew here)
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenAcceptedOnlyWithinTheClockSkewIsNotRemembered() {
        String token =
                TestTokens.builder().expiresAt(clock.instant().minusSeconds(5)).sign();

        cache.decode(token).block();
        cache.decode(token).block();

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        String token = TestTokens.builder()
                .expiresAt(clock.instant().plus(Duration.ofHours(10)))
                .sign();
        cache.decode(token).block();

        clock.advance(Duration.ofMinutes(4));
        cache.decode(token).block();
        clock.advance(Duration.ofMinutes(2));
        cache.decode(token).block();

        assertThat(verifications).hasValue(2);
    }

    @Test
    void differentTokensAreDifferentEntries() {
        cache.decode(TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"))
                .block();
        cache.decode(TestTokens.person("priya.doctor", "10000002", "Emergency Department", "staff"))
                .block();

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(verifications).hasValue(2);
    }
    /** The services' (servlet) front: the same cache, the same rules. */
    private final AtomicInteger blockingVerifications = new AtomicInteger();

    private final JwtDecoder blocking = tokens.blocking(token -> {
        blockingVerifications.incrementAndGet();
        return full.decode(token);
    });

    @Test
    void aServiceVerifiesAValidTokenOnceAndNeverRemembersARefusedOne() {
        String token = TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff");
        String wrongAudience = TestTokens.builder().audience("account").sign();

        Jwt first = blocking.decode(token);
        Jwt second = blocking.decode(token);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> blocking.decode(wrongAudience))
                    .isInstanceOf(JwtValidationException.class)
                    .hasMessageContaining("audience");
        }

        assertThat(second).isEqualTo(first);
        assertThat(blockingVerifications).hasValue(3);
        assertThat(tokens.size()).isOne();
    }

    @Test
    void aServiceChecksATokenInFullAgainOnceItHasExpired() {
        String token =
                TestTokens.builder().expiresAt(clock.instant().plusSeconds(60)).sign();
        blocking.decode(token);

        clock.advance(Duration.ofSeconds(61));
        blocking.decode(token); // still inside the delegate's clock skew, but verified again
        blocking.decode(token);

        assertThat(blockingVerifications).hasValue(3);
    }
}
