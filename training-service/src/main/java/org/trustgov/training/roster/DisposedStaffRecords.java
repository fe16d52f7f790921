package org.trustgov.training.roster;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * Which leavers' roster records the trust disposed of, asked of audit-service (guarded by {@code audit-disposals}),
 * which keeps a tombstone of every disposal that names no one; training-service keeps nothing of a disposed leaver,
 * not even their staff number. HR's roster lists leavers for years after they left, so without asking, the next
 * upload would bring back a record a disposal destroyed, and the next disposal list would list it again.
 */
@Component
class DisposedStaffRecords {

    static final String GUARD = "audit-disposals";

    /** The record class of a leaver's roster record in the retention schedule. */
    static final String STAFF_RECORD = "staff-record";

    record Question(String recordClass, List<String> references) {}

    record Answer(String recordClass, List<String> disposed) {}

    @FeignClient(name = GUARD, url = "${trustgov.clients.audit-url}")
    interface Client {
        @PostMapping("/api/audit/retention/disposed")
        Answer disposed(@RequestBody Question question);
    }

    /** audit-service could not say which records were disposed of. */
    static final class Unknown extends RuntimeException {
        Unknown(Throwable cause) {
            super("audit-service could not say which leavers' records were disposed of", cause);
        }
    }

    private final Client client;
    private final GuardedCalls guarded;

    DisposedStaffRecords(Client client, GuardedCalls guarded) {
        this.client = client;
        this.guarded = guarded;
    }

    /**
     * Those of {@code staffNumbers} whose roster record was disposed of (none asked: no question).
     *
     * @throws Unknown when audit-service cannot answer
     */
    Set<String> among(Collection<String> staffNumbers) {
        Set<String> disposed = new java.util.HashSet<>();
        // A chunk names up to two numbers a row: asked in parts audit-service takes.
        for (List<String> some : org.trustgov.starter.Batches.of(List.copyOf(staffNumbers), MAX_ASKED)) {
            Answer answer;
            try {
                answer = guarded.call(GUARD, () -> client.disposed(new Question(STAFF_RECORD, some)));
            } catch (RuntimeException e) {
                throw new Unknown(e);
            }
            if (answer == null || answer.disposed() == null || answer.disposed().contains(null)) {
                throw new Unknown(new IllegalStateException("audit-service answered without a list of staff numbers"));
            }
            disposed.addAll(answer.disposed());
        }
        return disposed;
    }

    /** The most staff numbers audit-service takes in one question. */
    static final int MAX_ASKED = 1_000;
}
