package org.trustgov.policy.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;
import org.trustgov.starter.mongo.ScheduledJobs;

/**
 * The link check against a local test server: what counts as broken, redirects followed and checked hop by hop, and
 * every address off the public internet refused, at the first hop or any later one.
 */
class ResourceLinkCheckTest {

    private static HttpServer server;
    private static String base;
    private static final AtomicInteger secretHits = new AtomicInteger();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0), 0);
        server.createContext("/ok", exchange -> answer(exchange, 200, null));
        server.createContext("/gone", exchange -> answer(exchange, 404, null));
        server.createContext("/moved", exchange -> answer(exchange, 301, base + "/ok"));
        server.createContext("/loop", exchange -> answer(exchange, 302, "/loop"));
        server.createContext(
                "/to-internal",
                exchange -> answer(
                        exchange, 302, "http://127.0.0.2:" + server.getAddress().getPort() + "/secret"));
        server.createContext("/to-file", exchange -> answer(exchange, 302, "file:///etc/passwd"));
        server.createContext("/secret", exchange -> {
            secretHits.incrementAndGet();
            answer(exchange, 200, null);
        });
        server.createContext(
                "/no-head",
                exchange -> answer(exchange, exchange.getRequestMethod().equals("HEAD") ? 405 : 200, null));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String location)
            throws IOException {
        if (location != null) {
            exchange.getResponseHeaders().add("Location", location);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static ResourceLinkCheck check(Predicate<InetAddress> reachable, ResourceService resources) {
        return new ResourceLinkCheck(
                resources,
                new LinkCheckSettings(true, Duration.ofHours(24), Duration.ofSeconds(2), false),
                mock(ScheduledJobs.class),
                Clock.systemUTC(),
                reachable);
    }

    /** The test server's own address stands in for the public internet; everything else is off it. */
    private static final Predicate<InetAddress> ONLY_THE_TEST_SERVER =
            a -> a.getHostAddress().equals("127.0.0.1");

    @Test
    void anAnswerBelow400IsFineAnErrorNoAnswerOrEndlessRedirectsAreBrokenAndARefusedHeadIsRetriedAsGet()
            throws IOException {
        ResourceLinkCheck check = check(ONLY_THE_TEST_SERVER, mock(ResourceService.class));

        assertThat(check.check(URI.create(base + "/ok")).broken()).isFalse();
        assertThat(check.check(URI.create(base + "/moved")).broken())
                .as("redirects are followed")
                .isFalse();
        assertThat(check.check(URI.create(base + "/no-head")).broken()).isFalse();
        assertThat(check.check(URI.create(base + "/gone")).broken()).isTrue();
        assertThat(check.check(URI.create(base + "/loop")).broken())
                .as("more than " + ResourceLinkCheck.MAX_REDIRECTS + " hops")
                .isTrue();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(check.check(URI.create("http://127.0.0.1:" + closed + "/")).broken())
                .isTrue();
        assertThat(check.check(URI.create(base + "/gone")).toString())
                .as("no status or failure kept")
                .doesNotContain("404");
    }

    @Test
    void aRedirectOffThePublicInternetIsNeverFollowedAndAnAddressOffItIsNeverFetched() {
        ResourceLinkCheck check = check(ONLY_THE_TEST_SERVER, mock(ResourceService.class));

        assertThat(check.check(URI.create(base + "/to-internal")).broken()).isTrue();
        assertThat(check.check(URI.create(base + "/to-file")).broken()).isTrue();
        assertThat(check.check(URI.create(
                                "http://127.0.0.2:" + server.getAddress().getPort() + "/secret"))
                        .broken())
                .isTrue();
        assertThat(secretHits.get())
                .as("the internal address was never reached")
                .isZero();

        // With the platform's own rule, this machine itself is off limits.
        ResourceLinkCheck platform = new ResourceLinkCheck(
                mock(ResourceService.class),
                new LinkCheckSettings(true, Duration.ofHours(24), Duration.ofSeconds(2), false),
                mock(ScheduledJobs.class),
                Clock.systemUTC());
        assertThat(platform.check(URI.create(base + "/ok")).broken()).isTrue();
    }

    @Test
    void onlyGlobalUnicastAddressesArePublic() throws Exception {
        Map<String, Boolean> addresses = new java.util.LinkedHashMap<>();
        for (String internal : List.of(
                "0.0.0.0",
                "10.1.2.3",
                "100.64.0.1",
                "100.127.255.254",
                "127.0.0.1",
                "169.254.169.254",
                "172.16.0.1",
                "172.31.255.255",
                "192.0.0.8",
                "192.0.2.1",
                "192.88.99.1",
                "192.168.1.1",
                "198.18.0.1",
                "198.19.255.1",
                "198.51.100.1",
                "203.0.113.9",
                "224.0.0.1",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "::ffff:10.0.0.1",
                "64:ff9b::a00:1",
                "64:ff9b:1::1",
                "100::1",
                "2001::1",
                "2001:db8::1",
                "2002:a00:1::1",
                "3fff::1",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "fec0::1",
                "ff02::1")) {
            addresses.put(internal, false);
        }
        for (String global : List.of(
                "8.8.8.8",
                "1.1.1.1",
                "100.63.255.255",
                "172.32.0.1",
                "81.2.69.142",
                "2606:4700::1111",
                "2a00:1450:4009::200e",
                "2001:4860:4860::8888")) {
            addresses.put(global, true);
        }
        for (Map.Entry<String, Boolean> address : addresses.entrySet()) {
            assertThat(PublicAddresses.isPublic(InetAddress.getByName(address.getKey())))
                    .as(address.getKey())
                    .isEqualTo(address.getValue());
        }
    }

    @Test
    void everyResourceStaffSeeIsCheckedAndOnlyWhetherItIsBrokenKept() {
        ResourceService resources = mock(ResourceService.class);
        SignpostingResource fine = resource("r1", base + "/ok");
        SignpostingResource broken = resource("r2", base + "/gone");
        when(resources.list(false)).thenReturn(List.of(fine, broken));

        assertThat(check(ONLY_THE_TEST_SERVER, resources).checkAll()).isEqualTo(1);
        verify(resources)
                .recordCheck(eq("r1"), org.mockito.ArgumentMatchers.argThat(c -> !c.broken() && c.at() != null));
        verify(resources).recordCheck(eq("r2"), org.mockito.ArgumentMatchers.argThat(LinkCheck::broken));
        assertThat(new LinkCheck(java.time.Instant.EPOCH, true).seenByStaff().broken())
                .as("staff see the date only")
                .isNull();
    }

    private static SignpostingResource resource(String id, String url) {
        SignpostingResource resource = new SignpostingResource(
                new ResourceRequest(
                        "A resource",
                        url,
                        "What it offers",
                        Topic.PEER_SUPPORT,
                        List.of(),
                        LocalDate.parse("2027-06-01"),
                        List.of()),
                "morgan.governance");
        ReflectionTestUtils.setField(resource, "id", id);
        return resource;
    }
}
