package org.trustgov.audit.log.checkpoints;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A signed checkpoint of the log's tree (a C2SP signed note), one per tree size, kept for ever. {@code note} carries
 * the log's signature and, once the witness cosigned it ({@code cosignedAt}), the witness's cosignature too.
 */
@Document("checkpoints")
public record Checkpoint(@Id long treeSize, String rootHash, String note, Instant signedAt, Instant cosignedAt) {

    public boolean cosigned() {
        return cosignedAt != null;
    }
}
