package org.trustgov.audit.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.trustgov.audit.log.chain.AuditEntry;
import org.trustgov.audit.log.chain.AuditLog;
import org.trustgov.audit.log.sealing.RecordUnit;

/**
 * The log's own yearly records ({@code audit-trail:<year>}): the entries that belong to no other record. A year's
 * retention starts when it ends; disposing of it destroys its record key, so the staff numbers in that year's policy
 * authoring and export entries can no longer be read, and nothing else changes.
 */
@Component
class AuditTrailRecords implements RecordHolder {

    private final AuditLog log;

    AuditTrailRecords(AuditLog log) {
        this.log = log;
    }

    @Override
    public String name() {
        return "audit-service's log";
    }

    @Override
    public Set<String> lists() {
        return Set.of(RecordUnit.AUDIT_TRAIL);
    }

    @Override
    public Set<String> keeps() {
        return Set.of(); // the entries stay; their record key goes
    }

    @Override
    public List<Ended> ended(String recordClass, String startsAt, Instant before, int limit) {
        List<AuditEntry> first = log.page(1, 1);
        if (first.isEmpty()) {
            return List.of();
        }
        List<Ended> ended = new ArrayList<>();
        for (int year = first.get(0).getAt().atZone(ZoneOffset.UTC).getYear(); ended.size() < limit; year++) {
            Instant yearEnded =
                    LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!yearEnded.isBefore(before)) {
                break;
            }
            ended.add(new Ended(String.valueOf(year), yearEnded, List.of()));
        }
        return ended;
    }

    @Override
    public void destroy(String recordClass, String reference) {
        // nothing kept but the entries themselves, whose personal values the record key's destruction erases
    }
}
