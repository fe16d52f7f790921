package org.trustgov.auditclient;

import java.util.List;

/**
 * The document types of a service that carry {@link AuditOutbox#FIELD pending audit events}, for
 * {@link PendingAuditEventSweep} to search after a restart. A service declares one bean of this type.
 */
public record AuditedDocuments(List<Class<?>> types) {

    public static AuditedDocuments of(Class<?>... types) {
        return new AuditedDocuments(List.of(types));
    }
}
