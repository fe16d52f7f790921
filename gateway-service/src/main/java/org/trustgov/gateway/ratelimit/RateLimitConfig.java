package org.trustgov.gateway.ratelimit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Without a shared Redis the buckets live in this replica's memory (the Redis ones: {@code SharedSessionConfig}). */
@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

    @Bean
    @ConditionalOnExpression("'${trustgov.gateway.session.redis-url:}' == ''")
    RateLimitBuckets localRateLimitBuckets(RateLimitProperties settings) {
        return new LocalRateLimitBuckets(settings.maxCallers());
    }
}
