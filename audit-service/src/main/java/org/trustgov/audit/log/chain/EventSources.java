package org.trustgov.audit.log.chain;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.trustgov.audit.log.sealing.RecordUnit;

/**
 * Which service client may send which events to the log ({@code trustgov.audit.event-sources}): each client id maps
 * to the action prefixes it owns, e.g. {@code policy-service: [policy.]}. A client not listed sends nothing; an
 * action outside a client's prefixes is refused (403), so no service can write another's events. No service writes
 * about an incident either: a target that names an incident reference ({@code SMB-2026-000123}, in any case, anywhere
 * in it) is refused, since an incident's record is its workflow's entries alone.
 */
@ConfigurationProperties("trustgov.audit")
public record EventSources(Map<String, List<String>> eventSources) {

    public EventSources {
        eventSources = eventSources == null ? Map.of() : Map.copyOf(eventSources);
    }

    /** Whether a service event's target names an incident, which only audit-service's own workflow may. */
    static boolean namesAnIncident(String target) {
        return RecordUnit.incidentReferenceIn(target) != null;
    }

    boolean mayAppend(String clientId, String action) {
        return clientId != null
                && eventSources.getOrDefault(clientId, List.of()).stream().anyMatch(action::startsWith);
    }
}
