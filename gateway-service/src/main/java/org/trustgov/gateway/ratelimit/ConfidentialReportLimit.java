package org.trustgov.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * 429 for a person who sends more confidential reports ({@code POST /api/audit/confidential-reports}) in a day than
 * {@link ConfidentialReportProperties#perDay} allows. audit-service stores no reporter, so this is where abuse is
 * held back: the gateway knows the caller when the record does not. The bucket is named by an HMAC of the caller
 * (never the caller), in the same {@link RateLimitBuckets} as the per-caller limit, so it is one limit across
 * replicas sharing Redis. A caller not signed in is passed on, for audit-service's 401.
 */
@Component
@EnableConfigurationProperties(ConfidentialReportProperties.class)
public class ConfidentialReportLimit implements WebFilter, Ordered {

    static final String PATH = "/api/audit/confidential-reports";

    private final ConfidentialReportProperties settings;
    private final RateLimitBuckets buckets;
    private final BucketConfiguration configuration;

    public ConfidentialReportLimit(ConfidentialReportProperties settings, RateLimitBuckets buckets) {
        this.settings = settings;
        this.buckets = buckets;
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.perDay())
                        .refillIntervally(settings.perDay(), Duration.ofDays(1))
                        .build())
                .build();
    }

    @Override
    public int getOrder() {
        return 1; // after the per-caller limit
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST
                || !PATH.equals(request.getPath().value())) {
            return chain.filter(exchange);
        }
        String key = reportKey(request.getHeaders().get(IDEMPOTENCY_KEY));
        return exchange.getPrincipal()
                .flatMap(principal -> refusal(principal.getName(), key))
                .defaultIfEmpty(Optional.empty()) // not signed in: audit-service answers 401
                .flatMap(answer -> {
                    if (answer.isEmpty()) {
                        return chain.filter(exchange);
                    }
                    long seconds = CallerRateLimitFilter.retryAfterSeconds(answer.get());
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
                    return Mono.error(new ResponseStatusException(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "You have sent " + settings.perDay() + " confidential reports today, the most one person "
                                    + "may send in a day; try again in " + Math.max(1, seconds / 3600)
                                    + " h, or speak to the trust's Freedom to Speak Up guardian"));
                });
    }

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** A key's mark: its one token is taken when a report sent with it was let through, and is back a day later. */
    private static final BucketConfiguration ONCE_A_DAY = BucketConfiguration.builder()
            .addLimit(Bandwidth.builder()
                    .capacity(1)
                    .refillIntervally(1, Duration.ofDays(1))
                    .build())
            .build();

    /**
     * The daily bucket's refusal, or empty when the report may go on. A report sent again with the {@code
     * Idempotency-Key} of one this caller sent today and that was let through is not counted again: audit-service
     * answers it with the case the first sending recorded (or 422 for another report), so it records nothing, and a
     * person whose answer was lost on their last report of the day can still fetch its receipt code. A key is marked
     * only once its report was let through, so a key refused with 429 does not pass the next time. When the store
     * does not answer, the report is let through (logged where it failed).
     */
    private Mono<Optional<ConsumptionProbe>> refusal(String caller, String key) {
        Optional<ConsumptionProbe> letThrough = Optional.empty();
        Mono<Boolean> sentBefore = key == null
                ? Mono.just(false)
                : buckets.availableTokens(keyBucketOf(caller, key), ONCE_A_DAY)
                        .map(left -> left == 0)
                        .defaultIfEmpty(false);
        return sentBefore.flatMap(before -> before
                ? Mono.just(letThrough)
                : buckets.tryConsume(bucketOf(caller), configuration)
                        .flatMap(probe -> {
                            if (!probe.isConsumed()) {
                                return Mono.just(Optional.of(probe));
                            }
                            return key == null
                                    ? Mono.just(letThrough)
                                    : buckets.tryConsume(keyBucketOf(caller, key), ONCE_A_DAY)
                                            .then(Mono.just(letThrough));
                        })
                        .defaultIfEmpty(letThrough));
    }

    /** The one key a report names, or null: none, several, or one too long to be a key (audit-service refuses those). */
    private static String reportKey(List<String> values) {
        if (values == null || values.size() != 1 || values.get(0).length() > 255) {
            return null;
        }
        String key = values.get(0).strip(); // read as audit-service reads it: with or without its quotes
        return key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")
                ? key.substring(1, key.length() - 1)
                : key;
    }

    /** {@code confidential:<HMAC-SHA256 of the caller, base64url>}: the same for a caller each time, and no one's name. */
    String bucketOf(String caller) {
        return "confidential:" + hmac(caller);
    }

    /** A report key's mark, for this caller: named by an HMAC of both, so the store holds neither. */
    String keyBucketOf(String caller, String key) {
        return "confidential-key:" + hmac(caller + "\n" + key);
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.key(), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
