package org.trustgov.audit.log;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which service client may send which events to the log ({@code trustgov.audit.event-sources}): each client id maps
 * to the action prefixes it owns, e.g. {@code policy-service: [policy.]}. A client not listed sends nothing; an
 * action outside a client's prefixes is refused (403), so no service can write another's events.
 */
@ConfigurationProperties("trustgov.audit")
public record EventSources(Map<String, List<String>> eventSources) {

    public EventSources {
        eventSources = eventSources == null ? Map.of() : Map.copyOf(eventSources);
    }

    boolean mayAppend(String clientId, String action) {
        return clientId != null && eventSources.getOrDefault(clientId, List.of()).stream().anyMatch(action::startsWith);
    }
}
