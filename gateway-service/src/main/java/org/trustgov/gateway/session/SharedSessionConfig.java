package org.trustgov.gateway.session;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.session.data.redis.config.annotation.web.server.EnableRedisWebSession;
import org.trustgov.gateway.ratelimit.RateLimitBuckets;
import org.trustgov.gateway.ratelimit.RateLimitProperties;
import org.trustgov.gateway.ratelimit.RedisRateLimitBuckets;

/**
 * With {@code REDIS_URL} set, every gateway replica shares one Redis: Spring Session keeps the web sessions there
 * (and with them the signed-in security context, the login's {@code state} and PKCE verifier between the redirect
 * and the callback, and the users' OAuth2 tokens, see {@code GatewaySecurityConfig#authorizedClients}), and the
 * per-caller rate limit keeps its buckets there, so N replicas enforce one limit. Any replica then serves any
 * request: no sticky sessions needed. Without it nothing here exists and the gateway keeps sessions in memory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${trustgov.gateway.session.redis-url:}' != ''")
@EnableRedisWebSession(maxInactiveIntervalInSeconds = 1800, redisNamespace = "trustgov:gateway:session")
class SharedSessionConfig {

    private static final Logger log = LoggerFactory.getLogger(SharedSessionConfig.class);

    @Bean
    LettuceConnectionFactory redisConnectionFactory(SessionProperties settings) {
        RedisConfiguration redis = LettuceConnectionFactory.createRedisConfiguration(settings.redisUrl());
        RedisURI where = RedisURI.create(settings.redisUrl());
        log.info(
                "Web sessions and rate limits shared in Redis at {}:{}",
                where.getHost(),
                where.getPort()); // never the password
        // Sessions are read on every signed-in request: a Redis that stops answering fails them (503) after the
        // timeout, 2 s by default, never holds them.
        // Answers are handed on from Lettuce's I/O thread to a scheduler: the rest of a request (filters, the page,
        // the proxied call) then never runs on, nor holds up, the thread every other session read waits on.
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
                .commandTimeout(settings.redisTimeout())
                .clientOptions(ClientOptions.builder()
                        .timeoutOptions(TimeoutOptions.enabled())
                        .publishOnScheduler(true)
                        .build());
        if (settings.redisUrl().startsWith("rediss:")) {
            client.useSsl();
        }
        return new LettuceConnectionFactory(redis, client.build());
    }

    /** Spring Session's own setting follows {@code trustgov.gateway.session.idle}. */
    @Bean
    org.springframework.session.config.ReactiveSessionRepositoryCustomizer<
                    org.springframework.session.data.redis.ReactiveRedisSessionRepository>
            sessionIdle(SessionProperties settings) {
        return repository -> repository.setDefaultMaxInactiveInterval(settings.idle());
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient rateLimitRedisClient(SessionProperties settings) {
        RedisURI uri = RedisURI.create(settings.redisUrl());
        uri.setTimeout(Duration.ofSeconds(2));
        return RedisClient.create(uri);
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, byte[]> rateLimitRedisConnection(RedisClient rateLimitRedisClient) {
        return rateLimitRedisClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    @Bean
    RateLimitBuckets redisRateLimitBuckets(
            StatefulRedisConnection<String, byte[]> rateLimitRedisConnection,
            RateLimitProperties limits,
            @org.springframework.beans.factory.annotation.Value("${trustgov.gateway.confidential-reports.caller-key:}")
                    String confidentialReportKey) {
        // Replicas sharing Redis must name a caller's confidential-report bucket alike, or each counts apart.
        if (confidentialReportKey.isBlank()) {
            throw new IllegalStateException("With REDIS_URL set, set CONFIDENTIAL_REPORT_KEY "
                    + "too (32 random bytes, base64, the same on every replica): see docs/configuration.md");
        }
        return new RedisRateLimitBuckets(
                Bucket4jLettuce.casBasedBuilder(rateLimitRedisConnection)
                        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                Duration.ofMinutes(1)))
                        .build()
                        .asAsync(),
                limits.maxCallers());
    }
}
