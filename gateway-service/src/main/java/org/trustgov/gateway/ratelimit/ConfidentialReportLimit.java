package org.trustgov.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
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
        return exchange.getPrincipal()
                .flatMap(principal -> buckets.tryConsume(bucketOf(principal.getName()), configuration)
                        .map(Optional::of))
                // Not signed in (audit-service answers 401), or the store did not answer (logged where it failed).
                .defaultIfEmpty(Optional.empty())
                .flatMap(answer -> {
                    if (answer.isEmpty() || answer.get().isConsumed()) {
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

    /** {@code confidential:<HMAC-SHA256 of the caller, base64url>}: the same for a caller each time, and no one's name. */
    String bucketOf(String caller) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.key(), "HmacSHA256"));
            return "confidential:"
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(mac.doFinal(caller.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
