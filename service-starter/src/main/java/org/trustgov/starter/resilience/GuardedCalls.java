package org.trustgov.starter.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.concurrent.DelegatingSecurityContextCallable;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * How every call to another service is guarded: a time limit per attempt, retries, and a circuit breaker
 * outside the retries, each taken by name from Resilience4j's registries, i.e. configured under
 * {@code resilience4j.{timelimiter,retry,circuitbreaker}.instances.<name>} in application.yml. Only reads should
 * use a retry instance with attempts above one.
 *
 * <p>Each attempt runs on a bounded pool of this class's own ({@link GuardedCallsProperties}), never the common
 * pool: it carries the caller's log context (the request id) and security context across, and an attempt past its
 * time limit is cancelled with an interrupt, so its thread is freed rather than left waiting on a socket.
 */
public class GuardedCalls implements DisposableBean {

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final TimeLimiterRegistry timeLimiters;
    private final ExecutorService executor;

    public GuardedCalls(
            CircuitBreakerRegistry breakers,
            RetryRegistry retries,
            TimeLimiterRegistry timeLimiters,
            GuardedCallsProperties properties) {
        this.breakers = breakers;
        this.retries = retries;
        this.timeLimiters = timeLimiters;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                properties.threads(),
                properties.threads(),
                60,
                TimeUnit.SECONDS,
                properties.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(properties.queue()),
                r -> {
                    Thread thread = new Thread(r, "guarded-call-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(true);
    }

    private static final ContextSnapshotFactory CONTEXT =
            ContextSnapshotFactory.builder().build();

    /** Runs the call under the guards named {@code name}; failures (and an open breaker) come out as exceptions. */
    public <T> T call(String name, Supplier<T> call) {
        TimeLimiter limiter = timeLimiters.timeLimiter(name);
        Supplier<T> limited = () -> {
            Callable<T> attempt = withCallersContext(call);
            try {
                // The limiter cancels the future on time-out; a FutureTask cancelled with true interrupts its thread.
                return limiter.executeFutureSupplier(() -> executor.submit(attempt));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) { // TimeoutException, or the call's own failure unwrapped
                throw new GuardedCallException(name, e);
            }
        };
        CircuitBreaker breaker = breakers.circuitBreaker(name);
        Retry retry = retries.retry(name);
        return CircuitBreaker.decorateSupplier(breaker, Retry.decorateSupplier(retry, limited))
                .get();
    }

    /** The call, to run on a pool thread with the calling thread's MDC and security context. */
    private static <T> Callable<T> withCallersContext(Supplier<T> call) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        Callable<T> withMdc = () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            if (mdc == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(mdc);
            }
            try {
                return call.get();
            } finally {
                if (before == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(before);
                }
            }
        };
        // The current observation (the trace) too, so a Feign call on the pool is a child span of the request's.
        return CONTEXT.captureAll()
                .wrap(new DelegatingSecurityContextCallable<>(withMdc, SecurityContextHolder.getContext()));
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** A guarded call that failed in a way that is not already a runtime exception (a time-out). */
    public static class GuardedCallException extends RuntimeException {
        public GuardedCallException(String name, Throwable cause) {
            super(name + ": " + cause, cause);
        }
    }
}
