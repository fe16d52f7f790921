package org.trustgov.starter.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Offers {@link GuardedCalls} to services that have Resilience4j (with its Spring Boot registries). */
@AutoConfiguration(
        afterName = {
            "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
            "io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration",
            "io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration"
        })
@ConditionalOnClass({CircuitBreakerRegistry.class, RetryRegistry.class, TimeLimiterRegistry.class})
@EnableConfigurationProperties(GuardedCallsProperties.class)
public class GuardedCallsAutoConfiguration {

    @Bean
    @ConditionalOnBean({CircuitBreakerRegistry.class, RetryRegistry.class, TimeLimiterRegistry.class})
    GuardedCalls guardedCalls(
            CircuitBreakerRegistry breakers,
            RetryRegistry retries,
            TimeLimiterRegistry timeLimiters,
            GuardedCallsProperties properties) {
        return new GuardedCalls(breakers, retries, timeLimiters, properties);
    }
}
