package org.trustgov.audit.log.chain;

import java.util.HashSet;
import java.util.Set;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.trustgov.audit.log.sealing.RecordKeys;
import org.trustgov.audit.log.sealing.Sealer;

/**
 * Refuses to start when the key store and the log disagree: every record key the newest entries seal values under
 * must be in the key store (live, or destroyed with its tombstone). A key store restored from an older backup than
 * the log would otherwise lose, silently, personal values still inside their retention; restore the two together.
 * (That the key-encryption key opens the store is checked by {@link RecordKeys} itself.)
 */
@Component
class SealedLogCheck implements InitializingBean {

    /** How many of the newest entries are checked at start. */
    static final int NEWEST = 1_000;

    private final AuditLog log;
    private final RecordKeys keys;

    SealedLogCheck(AuditLog log, RecordKeys keys) {
        this.log = log;
        this.keys = keys;
    }

    @Override
    public void afterPropertiesSet() {
        Set<String> keyIds = new HashSet<>();
        log.newest(NEWEST).forEach(entry -> entry.sealable().forEach(value -> Sealer.keyIdsIn(value, keyIds)));
        long missing = keyIds.stream().filter(id -> !keys.knows(id)).count();
        if (missing > 0) {
            throw new IllegalStateException("The audit log's newest entries seal personal values under " + missing
                    + " record key(s) the key store does not hold: the key store (record_keys) was restored from an "
                    + "older backup than the log, or lost. Restore the database and trustgov.audit.sealing.kek-file "
                    + "from the same backup");
        }
    }
}
