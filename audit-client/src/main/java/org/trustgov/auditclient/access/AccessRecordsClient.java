package org.trustgov.auditclient.access;

import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** audit-service's intake of another service's access records, called with the sending service's own token. */
public interface AccessRecordsClient {

    /** One batch; the same batch id twice is kept once. */
    record Batch(String batchId, List<AccessRecord> records) {}

    /**
     * What audit-service made of a batch: {@code disposed} records named a person or case a disposal had already
     * taken, and were kept without them (an audit-service before 2026-12-07 answers nothing: {@code null}).
     */
    record Taken(int records, int disposed) {}

    @PostMapping("/api/audit/access-records")
    Taken deliver(@RequestBody Batch batch);
}
