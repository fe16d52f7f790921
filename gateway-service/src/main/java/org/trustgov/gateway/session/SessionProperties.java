package org.trustgov.gateway.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway keeps browser sessions ({@code trustgov.gateway.session.*}).
 *
 * @param redisUrl      a Redis ({@code redis://host:6379}, {@code rediss://…} for TLS; env {@code REDIS_URL}) shared
 *                      by every gateway replica: the web sessions, the users' tokens kept in them and the rate limit
 *                      live there. Blank (the local default): sessions in this replica's memory
 * @param idle          how long a signed-in session lives without a request
 * @param anonymousIdle how long a session that has not signed in lives (it only holds the login's state and PKCE
 *                      verifier between the redirect to Keycloak and the way back)
 * @param anonymousPerSecond sessions one address may start a second without signing in (pages that redirect to the
 *                      login); beyond the burst the answer is 429, so a flood of anonymous page hits cannot fill the store
 * @param anonymousBurst such sessions one address may start at once
 * @param redisTimeout  how long a session read or write waits for Redis before the request is answered 503 (the
 *                      local multi-replica run, where Redis shares two cores with ten JVMs, sets 10 s)
 */
@ConfigurationProperties("trustgov.gateway.session")
public record SessionProperties(
        String redisUrl,
        @DefaultValue("30m") Duration idle,
        @DefaultValue("5m") Duration anonymousIdle,
        @DefaultValue("2") int anonymousPerSecond,
        @DefaultValue("20") int anonymousBurst,
        @DefaultValue("2s") Duration redisTimeout) {

    public SessionProperties {
        if (idle == null
                || anonymousIdle == null
                || idle.isNegative()
                || idle.isZero()
                || anonymousIdle.isNegative()
                || anonymousIdle.isZero()) {
            throw new IllegalArgumentException("trustgov.gateway.session.idle and anonymous-idle must be positive");
        }
        if (redisTimeout == null || redisTimeout.isNegative() || redisTimeout.isZero()) {
            throw new IllegalArgumentException("trustgov.gateway.session.redis-timeout must be positive");
        }
        if (anonymousPerSecond < 1 || anonymousBurst < 1) {
            throw new IllegalArgumentException(
                    "trustgov.gateway.session.anonymous-per-second and anonymous-burst must be positive");
        }
    }

    public boolean shared() {
        return redisUrl != null && !redisUrl.isBlank();
    }
}
