package org.trustgov.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * The gateway's own failures as problems: a shared session store that does not answer is the caller's "try again
 * shortly" (503 with Retry-After), not a server error, as an unreachable service is; anything else stays a 500.
 */
class GatewayProblemHandlerTest {

    private final GatewayProblemHandler handler = new GatewayProblemHandler();

    @Test
    void aSessionStoreThatDoesNotAnswerIs503WithRetryAfter() {
        for (Throwable storeDown : new Throwable[] {
            new RedisCommandTimeoutException("HGETALL. Command timed out after 2 second(s)"),
            new RedisConnectionException("Unable to connect to 127.0.0.1:6379"),
            new RedisConnectionFailureException("Unable to connect to Redis", new RedisConnectionException("refused"))
        }) {
            MockServerWebExchange exchange = exchange();

            handler.handle(exchange, storeDown).block();

            assertThat(exchange.getResponse().getStatusCode())
                    .as(storeDown.toString())
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                    .isEqualTo("5");
            assertThat(exchange.getResponse().getBodyAsString().block())
                    .contains("\"status\":503")
                    .contains("session store did not answer")
                    .doesNotContain("HGETALL");
        }
    }

    @Test
    void anUnreachableServiceIs503AResetOne502BothWithRetryAfterAndAnythingElseA500WithoutItsText() {
        MockServerWebExchange serviceDown = exchange();
        handler.handle(serviceDown, new IllegalStateException("relay", new ConnectException("refused")))
                .block();
        assertThat(serviceDown.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(serviceDown.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("5");

        MockServerWebExchange reset = exchange();
        handler.handle(reset, new java.io.IOException("Connection reset by peer"))
                .block();
        assertThat(reset.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(reset.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("5");
        assertThat(reset.getResponse().getBodyAsString().block())
                .contains("\"status\":502")
                .doesNotContain("reset by peer");

        MockServerWebExchange bug = exchange();
        handler.handle(bug, new IllegalStateException("secret internals")).block();
        assertThat(bug.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(bug.getResponse().getBodyAsString().block())
                .contains("\"status\":500")
                .doesNotContain("secret internals");
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/policies.html"));
    }
}
