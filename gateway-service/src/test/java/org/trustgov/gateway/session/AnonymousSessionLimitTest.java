package org.trustgov.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;
import org.springframework.web.server.session.WebSessionStore;
import org.trustgov.keycloak.test.TestReactiveJwtDecoderConfiguration;
import reactor.core.publisher.Mono;

/** A flood of anonymous page hits cannot fill the session store: few sessions, short-lived, then 429. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestReactiveJwtDecoderConfiguration.class)
@AutoConfigureWebTestClient
@TestPropertySource(
        properties = {"trustgov.gateway.session.anonymous-per-second=1", "trustgov.gateway.session.anonymous-burst=5"})
class AnonymousSessionLimitTest {

    @Autowired
    WebTestClient web;

    @Autowired
    WebSessionManager sessions;

    @Test
    void anonymousHitsOnPagesThatNeedALoginStartFewShortLivedSessionsThenGet429() {
        InMemoryWebSessionStore store =
                (InMemoryWebSessionStore) ((DefaultWebSessionManager) sessions).getSessionStore();
        int before = store.getSessions().size();

        int redirected = 0;
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            // A browser's page request: the page to come back to is kept in a new session before the login redirect.
            int status = web.get()
                    .uri("/training.html")
                    .accept(MediaType.TEXT_HTML)
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value();
            if (status == 302) {
                redirected++;
            } else if (status == 429) {
                refused++;
            }
        }

        assertThat(redirected).as("the burst, and what refilled meanwhile").isBetween(5, 10);
        assertThat(refused).isEqualTo(40 - redirected);
        assertThat(store.getSessions().size() - before)
                .as("one session per redirected visit")
                .isEqualTo(redirected);
        assertThat(store.getSessions().values())
                .extracting(WebSession::getMaxIdleTime)
                .containsOnly(Duration.ofMinutes(5));
        web.get()
                .uri("/training.html")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectHeader()
                .contentType("application/problem+json");
        // Public pages and the API start no session and are not counted.
        web.get().uri("/").exchange().expectStatus().isOk();
        web.get().uri("/api/policy/policies").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aPageWhoseSessionStoreDoesNotAnswerIs503WithRetryAfterNot500() {
        var manager = (DefaultWebSessionManager) sessions;
        WebSessionStore working = manager.getSessionStore();
        // What a Redis session read that timed out gives: every read and every new session fails.
        var timedOut = new RedisCommandTimeoutException("Command timed out after 2 second(s)");
        manager.setSessionStore(new WebSessionStore() {
            @Override
            public Mono<WebSession> createWebSession() {
                return Mono.error(timedOut);
            }

            @Override
            public Mono<WebSession> retrieveSession(String sessionId) {
                return Mono.error(timedOut);
            }

            @Override
            public Mono<Void> removeSession(String sessionId) {
                return Mono.error(timedOut);
            }

            @Override
            public Mono<WebSession> updateLastAccessTime(WebSession webSession) {
                return Mono.error(timedOut);
            }
        });
        try {
            for (String cookie : new String[] {null, "a-session-id"}) {
                var page = web.get().uri("/my-records.html").accept(MediaType.TEXT_HTML);
                if (cookie != null) {
                    page.cookie("SESSION", cookie);
                }
                page.exchange()
                        .expectStatus()
                        .isEqualTo(503)
                        .expectHeader()
                        .valueEquals("Retry-After", "5")
                        .expectHeader()
                        .contentType("application/problem+json")
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo(503)
                        .jsonPath("$.detail")
                        .value(detail -> assertThat(detail.toString()).contains("session store"));
            }
        } finally {
            manager.setSessionStore(working);
        }
    }
}
