package org.trustgov.witness.cosigning;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The witness's own record of the latest checkpoint it cosigned for a log, in the witness's own database: only this
 * size and root can be extended, so a log rewritten or cut back in its own store is refused.
 */
@Document("witnessed_logs")
public record WitnessedLog(@Id String origin, long treeSize, String rootHash, String checkpoint, Instant cosignedAt) {}
