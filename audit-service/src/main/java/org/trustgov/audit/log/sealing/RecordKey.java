package org.trustgov.audit.log.sealing;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One record's key in the key store: the AES-256 key its log values are sealed under, wrapped by the key-encryption
 * key. Destroying it keeps the document as a tombstone (no key, the record's class, when and under which retention
 * rule it was destroyed, and the disposal that approved it), so a reader of the log learns why a value no longer
 * opens. The id is a pseudonym of the record ({@link KeyEncryptionKey#keyIdOf}): nothing here names a person.
 *
 * @param wrapped     the record key under the KEK, or {@code null} once destroyed
 * @param kek         the fingerprint of the KEK that wrapped it
 * @param destroyedAt when the key was destroyed, or {@code null}
 * @param rule        the retention rule it was destroyed under
 * @param disposal    the disposal (or erasure) that approved it
 * @param completedAt when that disposal had destroyed every copy of the record (the tombstone of a person's record
 *                    ends its life then: {@link RecordKeys#toSeal}), or {@code null} while it has not, and for a
 *                    tombstone left before 2026-12-07
 */
@Document("record_keys")
record RecordKey(
        @Id String id,
        String recordClass,
        String wrapped,
        String kek,
        Instant createdAt,
        Instant destroyedAt,
        String rule,
        String disposal,
        Instant completedAt) {

    boolean destroyed() {
        return wrapped == null;
    }
}
