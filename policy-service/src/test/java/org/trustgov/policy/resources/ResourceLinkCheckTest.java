package org.trustgov.policy.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;
import org.trustgov.starter.mongo.ScheduledJobs;

/** The link check against a local test server: what counts as broken, and what is never fetched. */
class ResourceLinkCheckTest {

    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> answer(exchange, 200));
        server.createContext("/gone", exchange -> answer(exchange, 404));
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/ok");
            answer(exchange, 301);
        });
        server.createContext("/no-head", exchange -> answer(exchange, exchange.getRequestMethod().equals("HEAD") ? 405 : 200));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static ResourceLinkCheck check(boolean allowPrivate, ResourceService resources) {
        return new ResourceLinkCheck(resources, new LinkCheckSettings(true, Duration.ofHours(24), Duration.ofSeconds(2), allowPrivate),
                mock(ScheduledJobs.class), Clock.systemUTC());
    }

    @Test
    void anAnswerBelow400IsFineAnErrorOrNoAnswerIsBrokenAndARefusedHeadIsRetriedAsGet() throws IOException {
        ResourceLinkCheck check = check(true, mock(ResourceService.class));

        assertThat(check.check(URI.create(base + "/ok"))).satisfies(c -> {
            assertThat(c.status()).isEqualTo(200);
            assertThat(c.broken()).isFalse();
        });
        assertThat(check.check(URI.create(base + "/moved")).status()).as("redirects are followed").isEqualTo(200);
        assertThat(check.check(URI.create(base + "/no-head")).status()).isEqualTo(200);
        assertThat(check.check(URI.create(base + "/gone"))).satisfies(c -> {
            assertThat(c.status()).isEqualTo(404);
            assertThat(c.broken()).isTrue();
            assertThat(c.reason()).isEqualTo("answered 404");
        });
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(check.check(URI.create("http://127.0.0.1:" + closed + "/"))).satisfies(c -> {
            assertThat(c.status()).isNull();
            assertThat(c.broken()).isTrue();
            assertThat(c.reason()).startsWith("no answer");
        });
    }

    @Test
    void anAddressOnThisMachineOrThePrivateNetworkIsNotFetchedUnlessAllowed() {
        LinkCheck check = check(false, mock(ResourceService.class)).check(URI.create(base + "/gone"));

        assertThat(check.broken()).isFalse();
        assertThat(check.status()).isNull();
        assertThat(check.reason()).contains("private network");
    }

    @Test
    void everyResourceStaffSeeIsCheckedAndItsResultKept() {
        ResourceService resources = mock(ResourceService.class);
        SignpostingResource fine = resource("r1", base + "/ok");
        SignpostingResource broken = resource("r2", base + "/gone");
        when(resources.list(false)).thenReturn(List.of(fine, broken));

        assertThat(check(true, resources).checkAll()).isEqualTo(1);
        verify(resources).recordCheck(eq("r1"), org.mockito.ArgumentMatchers.argThat(c -> !c.broken() && c.status() == 200));
        verify(resources).recordCheck(eq("r2"), org.mockito.ArgumentMatchers.argThat(c -> c.broken() && c.status() == 404));
    }

    private static SignpostingResource resource(String id, String url) {
        SignpostingResource resource = new SignpostingResource(new ResourceRequest("A resource", url, "What it offers",
                Topic.PEER_SUPPORT, List.of(), LocalDate.parse("2027-06-01")), "morgan.governance");
        ReflectionTestUtils.setField(resource, "id", id);
        return resource;
    }
}
