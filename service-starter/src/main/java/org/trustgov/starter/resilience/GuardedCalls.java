package org.trustgov.starter.resilience;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

/**
 * How every call to another service is guarded: a time limit per attempt, retries, and a circuit breaker
 * outside the retries, each taken by name from Resilience4j's registries, i.e. configured under
 * {@code resilience4j.{timelimiter,retry,circuitbreaker}.instances.<name>} in application.yml. Only reads should
 * use a retry instance with attempts above one.
 */
public class GuardedCalls {

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final TimeLimiterRegistry timeLimiters;

    public GuardedCalls(CircuitBreakerRegistry breakers, RetryRegistry retries, TimeLimiterRegistry timeLimiters) {
        this.breakers = breakers;
        this.retries = retries;
        this.timeLimiters = timeLimiters;
    }

    /** Runs the call under the guards named {@code name}; failures (and an open breaker) come out as exceptions. */
    public <T> T call(String name, Supplier<T> call) {
        TimeLimiter limiter = timeLimiters.timeLimiter(name);
        Supplier<T> limited = () -> {
            try {
                return limiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(call));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) { // TimeoutException, or the call's own failure unwrapped
                throw new GuardedCallException(name, e);
            }
        };
        CircuitBreaker breaker = breakers.circuitBreaker(name);
        Retry retry = retries.retry(name);
        return CircuitBreaker.decorateSupplier(breaker, Retry.decorateSupplier(retry, limited)).get();
    }

    /** A guarded call that failed in a way that is not already a runtime exception (a time-out). */
    public static class GuardedCallException extends RuntimeException {
        public GuardedCallException(String name, Throwable cause) {
            super(name + ": " + cause, cause);
        }
    }
}
