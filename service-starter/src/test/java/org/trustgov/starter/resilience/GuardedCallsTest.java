package org.trustgov.starter.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

class GuardedCallsTest {

    private final GuardedCalls guarded = new GuardedCalls(
            CircuitBreakerRegistry.ofDefaults(),
            RetryRegistry.of(RetryConfig.custom().maxAttempts(1).build()),
            TimeLimiterRegistry.of(TimeLimiterConfig.custom()
                    .timeoutDuration(Duration.ofMillis(200))
                    .build()),
            new GuardedCallsProperties(2, 4));

    @AfterEach
    void clean() {
        MDC.clear();
        SecurityContextHolder.clearContext();
        guarded.destroy();
    }

    @Test
    void theCallRunsOnAPoolThreadWithTheCallersRequestIdAndSecurityContext() {
        MDC.put("requestId", "req-42");
        Authentication caller = new TestingAuthenticationToken("morgan.governance", "n/a", "ROLE_governance");
        SecurityContextHolder.getContext().setAuthentication(caller);

        String[] seen = guarded.call("neighbour", () -> new String[] {
            Thread.currentThread().getName(),
            MDC.get("requestId"),
            SecurityContextHolder.getContext().getAuthentication() == null
                    ? null
                    : SecurityContextHolder.getContext().getAuthentication().getName()
        });

        assertThat(seen[0])
                .startsWith("guarded-call-")
                .isNotEqualTo(Thread.currentThread().getName());
        assertThat(seen[1]).isEqualTo("req-42");
        assertThat(seen[2]).isEqualTo("morgan.governance");
        assertThat(MDC.get("requestId"))
                .as("the caller's own context is untouched")
                .isEqualTo("req-42");
    }

    @Test
    void aCallPastItsTimeLimitIsInterruptedAndItsThreadFreed() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();

        assertThatThrownBy(() -> guarded.call("slow", () -> {
                    worker.set(Thread.currentThread());
                    try {
                        new CountDownLatch(1).await(); // a neighbour that never answers: only an interrupt ends this
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                    return "too late";
                }))
                .isInstanceOf(GuardedCalls.GuardedCallException.class);

        assertThat(interrupted.await(2, TimeUnit.SECONDS))
                .as("the attempt was interrupted")
                .isTrue();
        AtomicBoolean ran = new AtomicBoolean();
        guarded.call("after", () -> ran.getAndSet(true));
        assertThat(ran).isTrue();
    }
}
