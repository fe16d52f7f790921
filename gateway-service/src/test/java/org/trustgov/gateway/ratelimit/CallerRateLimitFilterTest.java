package org.trustgov.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class CallerRateLimitFilterTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ObjectProvider<MeterRegistry> meterProvider =
            new StaticListableBeanFactory(java.util.Map.of("meters", meters)).getBeanProvider(MeterRegistry.class);

    private final AtomicInteger passed = new AtomicInteger();
    private final WebFilterChain chain = exchange -> {
        passed.incrementAndGet();
        return Mono.empty();
    };

    @Test
    void aCallerHasABurstThenWaitsForTheRefillAndOtherCallersAreCountedApart() {
        CallerRateLimitFilter filter = new CallerRateLimitFilter(
                new RateLimitProperties(true, 1, 2, 100), new LocalRateLimitBuckets(100), meterProvider);

        filter.filter(api("alice", "10.0.0.1"), chain).block();
        filter.filter(api("alice", "10.0.0.2"), chain).block();
        ServerWebExchange third = api("alice", "10.0.0.3");

        assertThatThrownBy(() -> filter.filter(third, chain).block())
                .isInstanceOfSatisfying(
                        ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));
        assertThat(third.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(third.getResponse().getHeaders().getFirst("X-RateLimit-Remaining"))
                .isEqualTo("0");
        filter.filter(api("bob", "10.0.0.3"), chain).block();
        assertThat(passed).as("alice twice from two addresses, then bob").hasValue(3);
        assertThat(meters.counter("trustgov.gateway.ratelimit.rejections").count())
                .isEqualTo(1.0);
    }

    @Test
    void anonymousCallersAreCountedByAddressAndPagesAreNeverLimited() {
        CallerRateLimitFilter filter = new CallerRateLimitFilter(
                new RateLimitProperties(true, 1, 1, 100), new LocalRateLimitBuckets(100), meterProvider);

        filter.filter(anonymous("/api/policy/v3/api-docs", "10.0.0.1"), chain).block();
        assertThatThrownBy(() -> filter.filter(anonymous("/api/policy/v3/api-docs", "10.0.0.1"), chain)
                        .block())
                .isInstanceOf(ResponseStatusException.class);
        filter.filter(anonymous("/api/policy/v3/api-docs", "10.0.0.2"), chain).block();
        for (int i = 0; i < 5; i++) {
            filter.filter(anonymous("/training.html", "10.0.0.1"), chain).block();
        }
        assertThat(passed).hasValue(7);
    }

    @Test
    void theLimitIsAnnouncedOnEveryApiAnswerButNotOnPagesNorWhenSwitchedOff() {
        ServerWebExchange api = anonymous("/api/policy/policies", "10.0.0.1");
        ServerWebExchange page = anonymous("/training.html", "10.0.0.1");
        ServerWebExchange off = anonymous("/api/policy/policies", "10.0.0.1");

        new LimitAnnouncement(new RateLimitProperties(true, 1, 2, 100))
                .filter(api, chain)
                .block();
        new LimitAnnouncement(new RateLimitProperties(true, 1, 2, 100))
                .filter(page, chain)
                .block();
        new LimitAnnouncement(new RateLimitProperties(false, 1, 2, 100))
                .filter(off, chain)
                .block();

        assertThat(api.getResponse().getHeaders().getFirst("X-RateLimit-Limit")).isEqualTo("2");
        assertThat(page.getResponse().getHeaders().getFirst("X-RateLimit-Limit"))
                .isNull();
        assertThat(off.getResponse().getHeaders().getFirst("X-RateLimit-Limit")).isNull();
        assertThat(passed).hasValue(3);
    }

    @Test
    void switchedOffItCountsNothing() {
        CallerRateLimitFilter filter = new CallerRateLimitFilter(
                new RateLimitProperties(false, 1, 1, 100), new LocalRateLimitBuckets(100), meterProvider);

        for (int i = 0; i < 5; i++) {
            filter.filter(api("alice", "10.0.0.1"), chain).block();
        }
        assertThat(passed).hasValue(5);
    }

    @Test
    void aPersonSendsAtMostTheirDailyConfidentialReportsCountedUnderAKeyThatIsNotTheirName() {
        ConfidentialReportProperties settings = new ConfidentialReportProperties(2, null);
        LocalRateLimitBuckets buckets = new LocalRateLimitBuckets(100);
        ConfidentialReportLimit limit = new ConfidentialReportLimit(settings, buckets);

        limit.filter(confidential("alice"), chain).block();
        limit.filter(confidential("alice"), chain).block();
        ServerWebExchange third = confidential("alice");
        assertThatThrownBy(() -> limit.filter(third, chain).block())
                .isInstanceOfSatisfying(ResponseStatusException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.getReason()).contains("2 confidential reports today");
                });
        assertThat(Long.parseLong(third.getResponse().getHeaders().getFirst("Retry-After")))
                .as("a day's refill")
                .isGreaterThan(3600);
        limit.filter(confidential("bob"), chain).block();
        limit.filter(api("alice", "10.0.0.1"), chain).block(); // other API calls are the per-caller limit's
        limit.filter(MockServerWebExchange.from(MockServerHttpRequest.post("/api/audit/confidential-reports")), chain)
                .block(); // not signed in: passed on for the service's 401
        assertThat(passed).hasValue(5);
        assertThat(limit.bucketOf("alice"))
                .startsWith("confidential:")
                .doesNotContain("alice")
                .isEqualTo(limit.bucketOf("alice"))
                .isNotEqualTo(limit.bucketOf("bob"))
                .isNotEqualTo(new ConfidentialReportLimit(new ConfidentialReportProperties(2, null), buckets)
                        .bucketOf("alice"));
    }

    @Test
    void aConfidentialReportSentAgainWithItsKeyIsNotCountedAgainButAKeyRefusedOnceIsRefusedAgain() {
        ConfidentialReportLimit limit =
                new ConfidentialReportLimit(new ConfidentialReportProperties(2, null), new LocalRateLimitBuckets(100));
        String first = "0f8b7c52-3d7e-4c41-9a55-2c6f1e0b9d43";
        String second = "7d1e2a40-9b1c-4f3a-8e22-5c0d9a3b6f11";

        limit.filter(confidential("alice", first), chain).block();
        limit.filter(confidential("alice", second), chain).block(); // her second report of the day: the last one
        // The answer to the second was lost: sent again (with its key, in either form) it is let through each time.
        limit.filter(confidential("alice", second), chain).block();
        limit.filter(confidential("alice", "\"" + second + "\""), chain).block();
        assertThat(passed).hasValue(4);

        String third = "c3a9d2e1-5f6b-4a7c-8d9e-0a1b2c3d4e5f";
        for (String attempt : new String[] {third, third, null}) {
            assertThatThrownBy(() ->
                            limit.filter(confidential("alice", attempt), chain).block())
                    .as("a key refused once is not let through the next time, nor a report without a key")
                    .isInstanceOfSatisfying(
                            ResponseStatusException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));
        }
        limit.filter(confidential("bob", second), chain).block(); // her key is not his: his own first report
        assertThat(passed).hasValue(5);
        assertThat(limit.keyBucketOf("alice", second))
                .doesNotContain("alice")
                .doesNotContain(second)
                .isNotEqualTo(limit.keyBucketOf("bob", second));
    }

    private static ServerWebExchange confidential(String caller, String key) {
        Principal principal = () -> caller;
        var request = MockServerHttpRequest.post("/api/audit/confidential-reports");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return MockServerWebExchange.from(request)
                .mutate()
                .principal(Mono.just(principal))
                .build();
    }

    private static ServerWebExchange confidential(String caller) {
        Principal principal = () -> caller;
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/audit/confidential-reports"))
                .mutate()
                .principal(Mono.just(principal))
                .build();
    }

    private static ServerWebExchange api(String caller, String address) {
        Principal principal = () -> caller;
        return anonymous("/api/policy/policies", address)
                .mutate()
                .principal(Mono.just(principal))
                .build();
    }

    private static ServerWebExchange anonymous(String path, String address) {
        return MockServerWebExchange.from(
                MockServerHttpRequest.get(path).remoteAddress(new InetSocketAddress(address, 40000)));
    }
}
