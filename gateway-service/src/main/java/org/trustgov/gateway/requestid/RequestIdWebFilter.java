package org.trustgov.gateway.requestid;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.UUID;
import java.util.regex.Pattern;

import io.micrometer.context.ContextRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an {@code X-Request-Id} (kept when the caller sent a well-formed one), passes it to the
 * services, returns it on the response, and puts it in the MDC of every log line written while the request is
 * handled (Reactor context propagation, {@code spring.reactor.context-propagation=auto}). Writes one access-log
 * line per request: method, path, status and time, never headers or bodies.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdWebFilter implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String KEY = "requestId";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger access = LoggerFactory.getLogger("org.trustgov.gateway.access");

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(KEY,
                () -> MDC.get(KEY), value -> MDC.put(KEY, value), () -> MDC.remove(KEY));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = incoming != null && VALID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> h.set(HEADER, id)).build();
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getResponse().getHeaders().set(HEADER, id);
        long started = System.nanoTime();
        return chain.filter(withId)
                .doFinally(signal -> {
                    MDC.put(KEY, id);
                    try {
                        if (access.isInfoEnabled()) {
                            access.info("{} {} -> {} in {} ms, trace {}", request.getMethod(), request.getPath().value(),
                                    withId.getResponse().getStatusCode() == null ? "-" : withId.getResponse().getStatusCode().value(),
                                    (System.nanoTime() - started) / 1_000_000, traceId(withId));
                        }
                    } finally {
                        MDC.remove(KEY);
                    }
                })
                .contextWrite(Context.of(KEY, id));
    }

    /** The trace this request belongs to (the one its proxied call carries on in its traceparent), or "-". */
    private static String traceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.get(TracingObservationHandler.TracingContext.class))
                .map(tracing -> ((TracingObservationHandler.TracingContext) tracing).getSpan())
                .map(span -> span.context().traceId())
                .orElse("-");
    }
}
