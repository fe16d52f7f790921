package org.trustgov.policy.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.policy.Callers.AUTHOR;
import static org.trustgov.policy.Callers.GOVERNANCE;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.trustgov.auditclient.OutboxMessage;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.policies.PolicyRepository;
import org.trustgov.policy.policies.PolicyRequest;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.test.IntegrationTest;

/**
 * Every step of the four-eyes lifecycle is in the tamper-evident log with who took it: drafted, edited, submitted,
 * returned, approved (naming the author and every editor) and published (naming the approver and the author), each
 * with the content hash it was taken on; so changing {@code approver} or {@code editors} in the database leaves the
 * log saying otherwise.
 */
@IntegrationTest
class FourEyesAuditTrailTest {

    static final Caller EDITOR = new Caller(
            "e", "sam.editor", "10000009", "Communications", Set.of("staff", "policy-author"), "demo-cli", false);

    @Autowired
    PolicyService policies;

    @Autowired
    VersionService versions;

    @Autowired
    PolicyRepository policyRepository;

    @Autowired
    MongoTemplate mongo;

    @Test
    void eachStepIsLoggedWithWhoTookItAndThePublicationNamesTheApprover() {
        String code = "FE-201";
        policyRepository.findByCode(code).ifPresent(policyRepository::delete);
        policies.create(new PolicyRequest(code, "Four eyes", null, null, List.of(), List.of(), List.of()), AUTHOR);
        VersionContent content = new VersionContent(
                List.of(new Clause("1.1", "Purpose", "Text")), "first", LocalDate.parse("2027-01-01"), null);
        versions.createDraft(code, new NewVersionRequest("1.0", content), AUTHOR);
        versions.edit(
                code,
                "1.0",
                new VersionContent(
                        List.of(new Clause("1.1", "Purpose", "Better text")),
                        "first",
                        LocalDate.parse("2027-01-01"),
                        null),
                EDITOR);
        versions.submitForReview(code, "1.0", AUTHOR);
        versions.returnToDraft(code, "1.0", GOVERNANCE);
        versions.submitForReview(code, "1.0", AUTHOR);
        versions.approve(code, "1.0", GOVERNANCE);
        versions.publish(code, "1.0", GOVERNANCE);

        List<OutboxMessage> events = mongo.find(
                Query.query(Criteria.where("event.target").is(code + "/1.0"))
                        .with(org.springframework.data.domain.Sort.by("event.occurredAt")),
                OutboxMessage.class);
        assertThat(events.stream()
                        .map(m -> m.getEvent().action() + " by " + m.getEvent().actor())
                        .toList())
                .containsExactly(
                        "policy.version.drafted by staff:10000003",
                        "policy.version.edited by staff:10000009",
                        "policy.version.submitted by staff:10000003",
                        "policy.version.returned-to-draft by staff:10000004",
                        "policy.version.submitted by staff:10000003",
                        "policy.version.approved by staff:10000004",
                        "policy.version.published by staff:10000004");
        Map<String, Object> approved = events.get(5).getEvent().details();
        assertThat(approved)
                .containsEntry("author", "staff:10000003")
                .containsEntry("editors", List.of("staff:10000003", "staff:10000009"));
        Map<String, Object> published = events.get(6).getEvent().details();
        assertThat(published).containsEntry("approvedBy", "staff:10000004").containsEntry("author", "staff:10000003");
        assertThat(published.get("contentHash"))
                .isEqualTo(approved.get("contentHash"))
                .isNotEqualTo(events.get(0).getEvent().details().get("contentHash"));
        assertThat(mongo.findById(
                                versions.get(code, "1.0", GOVERNANCE).version().getId(),
                                org.bson.Document.class,
                                "versions")
                        .getList("pendingAuditEvents", Object.class))
                .as("moved to the outbox")
                .isEmpty();
    }
}
