package org.trustgov.audit.access;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One batch of access records: how many, the Merkle root over them (RFC 6962, each leaf the RFC 8785 form of one
 * record, ordered by record id), and whether the log has bound it yet ({@code access.recorded}, event id
 * {@code access-batch:<id>}).
 */
@Document("access_batches")
public record AccessBatch(
        @Id String id,
        int records,
        String root,
        String service,
        @Indexed Instant createdAt,
        boolean logged) {

    /** The log entry's event id for this batch. */
    String eventId() {
        return "access-batch:" + id;
    }
}
