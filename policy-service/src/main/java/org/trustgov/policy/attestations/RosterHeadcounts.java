package org.trustgov.policy.attestations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Headcounts per department from training-service, or nothing when it cannot answer: the call is retried (it is a
 * read), cut off by a time limit, and skipped while the circuit breaker is open, all configured under
 * {@code resilience4j.*.instances.training-roster}. An empty result means "not known now", never "no staff".
 */
@Component
public class RosterHeadcounts {

    static final String NAME = "training-roster";
    private static final Logger log = LoggerFactory.getLogger(RosterHeadcounts.class);

    private final TrainingRosterClient client;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final TimeLimiter timeLimiter;

    RosterHeadcounts(TrainingRosterClient client, CircuitBreakerRegistry breakers, RetryRegistry retries,
            TimeLimiterRegistry timeLimiters) {
        this.client = client;
        this.breaker = breakers.circuitBreaker(NAME);
        this.retry = retries.retry(NAME);
        this.timeLimiter = timeLimiters.timeLimiter(NAME);
    }

    public Optional<Map<String, Long>> byDepartment() {
        try {
            // Breaker outside the retries (one failure to the breaker per exhausted call), time limit per attempt.
            List<TrainingRosterClient.DepartmentHeadcount> counts = CircuitBreaker.decorateSupplier(breaker,
                    Retry.decorateSupplier(retry, () -> timeLimited(client::headcount))).get();
            return Optional.of(counts.stream()
                    .filter(c -> c.department() != null && c.active() != null)
                    .collect(Collectors.toMap(TrainingRosterClient.DepartmentHeadcount::department,
                            TrainingRosterClient.DepartmentHeadcount::active, Long::sum)));
        } catch (RuntimeException e) {
            log.warn("training-service roster unavailable ({}); coverage is reported without outstanding counts",
                    e.toString());
            return Optional.empty();
        }
    }

    private <T> T timeLimited(Supplier<T> call) {
        try {
            return timeLimiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(call));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) { // TimeoutException, or the call's own failure unwrapped
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
