package org.trustgov.auditclient.access;

import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** audit-service's intake of another service's access records, called with the sending service's own token. */
public interface AccessRecordsClient {

    /** One batch; the same batch id twice is kept once. */
    record Batch(String batchId, List<AccessRecord> records) {}

    @PostMapping("/api/audit/access-records")
    void deliver(@RequestBody Batch batch);
}
