package org.trustgov.auditclient;

/**
 * Where {@link AuditOutbox} hands the events it took out of changed documents: for the other services the
 * {@code outbox} collection, which {@link OutboxRelay} delivers to audit-service over HTTP; in audit-service its own
 * log, appended in process. Taking an event must be idempotent by its id: after a stop between taking it and
 * removing it from its document, the same event is taken again.
 */
@FunctionalInterface
public interface AuditEventDestination {

    void take(AuditEvent event);
}
