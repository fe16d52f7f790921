package org.trustgov.policy.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;
import static org.trustgov.policy.Callers.AUTHOR;
import static org.trustgov.policy.Callers.GOVERNANCE;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.auditclient.OutboxMessage;
import org.trustgov.auditclient.PendingAuditEventSweep;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.policies.PolicyRepository;
import org.trustgov.policy.policies.PolicyRequest;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.policies.PublishedVersionSwitch;
import org.trustgov.test.IntegrationTest;

/**
 * A change and its audit record are one write. Publishing moves the policy's pointer and stores the publication's
 * audit events in that same update; a process that stops right after it (before the events reach the outbox)
 * leaves them in the policy document, where the sweep at the next start finds them. Every step can be repeated:
 * each event reaches the outbox exactly once.
 */
@IntegrationTest
class AuditEventsSurviveACrashTest {

    @Autowired
    PolicyService policies;

    @Autowired
    VersionService versions;

    @Autowired
    PolicyRepository policyRepository;

    @Autowired
    PublishedVersionSwitch publishedSwitch;

    @Autowired
    AuditOutbox outbox;

    @Autowired
    PendingAuditEventSweep sweep;

    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void clean() {
        mongo.remove(new Query(), OutboxMessage.class);
    }

    private String approvedVersionOf(String code, String number) {
        policyRepository.findByCode(code).ifPresent(policyRepository::delete);
        policies.create(new PolicyRequest(code, "Crash", null, null, List.of(), List.of(), List.of()), AUTHOR);
        versions.createDraft(
                code,
                new NewVersionRequest(
                        number,
                        new VersionContent(
                                List.of(new Clause("1.1", "Purpose", "Text")),
                                "first",
                                LocalDate.parse("2027-01-01"),
                                null)),
                AUTHOR);
        versions.submitForReview(code, number, AUTHOR);
        versions.approve(code, number, GOVERNANCE);
        mongo.remove(
                new Query(),
                OutboxMessage.class); // the steps before are logged too (FourEyesAuditTrailTest); here: publication
        return number;
    }

    @Test
    void aPublicationIsInTheOutboxOnceAndNoEventIsLeftInThePolicy() {
        approvedVersionOf("CR-001", "1.0");

        versions.publish("CR-001", "1.0", GOVERNANCE);

        assertThat(outboxActions()).containsExactly("policy.version.published");
        assertThat(pendingIn("CR-001")).isEmpty();
    }

    @Test
    void aStopRightAfterThePointerMovedLosesNoEvent() {
        approvedVersionOf("CR-002", "1.0");
        Policy seen = policies.get("CR-002");
        AuditEvent event = outbox.event(
                "staff:10000004", "policy.version.published", "CR-002/1.0", Map.of("contentHash", "sha256:x"));

        // Exactly what is stored if the process dies after the switch and before the flush: the one write, nothing
        // else.
        assertThat(publishedSwitch.switchTo(
                        seen, "1.0", "morgan.governance", "sha256:x", Instant.now(), List.of(event)))
                .isTrue();
        assertThat(versions.current("CR-002").view().status()).isEqualTo(VersionStatus.PUBLISHED);
        assertThat(outboxActions()).isEmpty();
        assertThat(pendingIn("CR-002")).hasSize(1);

        assertThat(sweep.sweep()).as("the sweep at the next start").isEqualTo(1);
        assertThat(outboxActions()).containsExactly("policy.version.published");
        assertThat(pendingIn("CR-002")).isEmpty();
        assertThat(sweep.sweep()).isZero();
        assertThat(outboxActions()).hasSize(1);
    }

    @Test
    void aStopBetweenTheOutboxInsertAndTheCleanUpDeliversTheEventOnce() {
        approvedVersionOf("CR-003", "1.0");
        Policy seen = policies.get("CR-003");
        AuditEvent event = outbox.event("staff:10000004", "policy.version.published", "CR-003/1.0", Map.of());
        publishedSwitch.switchTo(seen, "1.0", "morgan.governance", "sha256:x", Instant.now(), List.of(event));
        outbox.flush(Policy.class, seen.getId());
        // ... and the event is put back, as if the process had died after the outbox insert, before the $pull.
        mongo.updateFirst(
                query(where("_id").is(seen.getId())),
                new org.springframework.data.mongodb.core.query.Update().push(AuditOutbox.FIELD, event),
                Policy.class);

        sweep.sweep();

        assertThat(outboxActions()).containsExactly("policy.version.published");
        assertThat(pendingIn("CR-003")).isEmpty();
    }

    private List<String> outboxActions() {
        return mongo.findAll(OutboxMessage.class).stream()
                .map(m -> m.getEvent().action())
                .toList();
    }

    private List<?> pendingIn(String code) {
        Document policy = mongo.findOne(query(where("code").is(code)), Document.class, "policies");
        Object pending = policy.get(AuditOutbox.FIELD);
        return pending instanceof List<?> list ? list : List.of();
    }
}
