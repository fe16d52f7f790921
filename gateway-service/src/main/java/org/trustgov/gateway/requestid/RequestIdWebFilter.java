package org.trustgov.gateway.requestid;

import io.micrometer.context.ContextRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every request an {@code X-Request-Id} (kept when the caller sent a well-formed one), returns it on the
 * response, and puts it in the MDC of every log line written while the request is handled (the Reactor context
 * carries it; the gateway's own log lines set it where they are written). The id is kept as an exchange attribute;
 * {@link ProxiedHeaders} puts it on the proxied call, so the request's headers are not copied here. Writes one
 * access-log line per request when {@code org.trustgov.gateway.access} is at INFO: method, path, status and time,
 * never headers or bodies.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdWebFilter implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String KEY = "requestId";
    /** The exchange attribute holding this request's id. */
    public static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".id";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger access = LoggerFactory.getLogger("org.trustgov.gateway.access");

    static {
        ContextRegistry.getInstance()
                .registerThreadLocalAccessor(
                        KEY, () -> MDC.get(KEY), value -> MDC.put(KEY, value), () -> MDC.remove(KEY));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String incoming = request.getHeaders().getFirst(HEADER);
        String id = incoming != null && VALID.matcher(incoming).matches() ? incoming : newId();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        Mono<Void> handled = chain.filter(exchange);
        if (access.isInfoEnabled()) {
            long started = System.nanoTime();
            handled = handled.doFinally(signal -> {
                try (var ignored = MDC.putCloseable(KEY, id)) {
                    access.info(
                            "{} {} -> {} in {} ms, trace {}",
                            request.getMethod(),
                            request.getPath().value(),
                            exchange.getResponse().getStatusCode() == null
                                    ? "-"
                                    : exchange.getResponse().getStatusCode().value(),
                            (System.nanoTime() - started) / 1_000_000,
                            traceId(exchange));
                }
            });
        }
        return handled.contextWrite(Context.of(KEY, id));
    }

    /** The id of the request being handled, or null outside a request that passed this filter. */
    public static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a request id must be unique, not unguessable, and
     * {@link UUID#randomUUID()} takes a lock on the shared secure generator for every request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The trace this request belongs to (the one its proxied call carries on in its traceparent), or "-". */
    private static String traceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.get(TracingObservationHandler.TracingContext.class))
                .map(tracing -> ((TracingObservationHandler.TracingContext) tracing).getSpan())
                .map(span -> span.context().traceId())
                .filter(id -> !id.isEmpty())
                .orElse("-");
    }
}
