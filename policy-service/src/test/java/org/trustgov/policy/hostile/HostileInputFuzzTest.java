package org.trustgov.policy.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.policy.Callers.AUTHOR;
import static org.trustgov.policy.Callers.GOVERNANCE;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.policy.consultation.CommentRequest;
import org.trustgov.policy.consultation.ConsultationService;
import org.trustgov.policy.policies.PolicyRepository;
import org.trustgov.policy.policies.PolicyRequest;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.versions.Clause;
import org.trustgov.policy.versions.NewVersionRequest;
import org.trustgov.policy.versions.VersionContent;
import org.trustgov.policy.versions.VersionService;
import org.trustgov.test.FuzzRun;
import org.trustgov.test.HostileRequests;
import org.trustgov.test.IntegrationTest;

/**
 * Every write endpoint (and every read with parameters) of policy-service under hostile input: a policy with a
 * published version, one in review and a comment exist, so requests reach the rules, not only the parsing.
 * Every answer must be a 2xx or a 4xx problem: never a 5xx, a stack trace or a disguised error.
 */
@IntegrationTest
class HostileInputFuzzTest {

    @LocalServerPort
    int port;

    @Autowired
    PolicyService policies;

    @Autowired
    PolicyRepository policyRepository;

    @Autowired
    VersionService versions;

    @Autowired
    ConsultationService consultation;

    @Test
    void everyHostileRequestGetsA4xxProblemOrA2xxNeverAServerError() throws Exception {
        policyRepository.findByCode("FZ-001").ifPresent(policyRepository::delete);
        policies.create(new PolicyRequest("FZ-001", "Fuzzed", null, null, List.of(), List.of(), List.of()), AUTHOR);
        for (String number : List.of("1.0", "1.1")) {
            versions.createDraft(
                    "FZ-001",
                    new NewVersionRequest(
                            number,
                            new VersionContent(
                                    List.of(new Clause("4.2", "Images", "Never post images of patients.")),
                                    "v" + number,
                                    LocalDate.parse("2027-01-01"),
                                    null)),
                    AUTHOR);
            versions.submitForReview("FZ-001", number, AUTHOR);
        }
        versions.approve("FZ-001", "1.0", GOVERNANCE);
        versions.publish("FZ-001", "1.0", GOVERNANCE);
        String comment = consultation
                .comment("FZ-001", "1.1", new CommentRequest("4.2", "Staff rooms?"), GOVERNANCE, null)
                .comment()
                .getId();
        Random pick = new Random(7);
        String everyRole = TestTokens.person(
                "fuzz.all",
                "10000099",
                "Clinical Governance",
                "staff",
                "governance",
                "policy-author",
                "line-manager",
                "auditor",
                "hr-integration");

        HostileRequests.Report report = FuzzRun.against(
                "policy-service", port, "/api/policy/v3/api-docs", everyRole, 1200, name -> switch (name) {
                    case "code" -> pick.nextInt(4) == 0 ? "SM-404" : "FZ-001";
                    case "number" -> List.of("1.0", "1.1", "9.9").get(pick.nextInt(3));
                    case "commentId" -> comment;
                    default -> null;
                });

        assertThat(report.findings().size()).as("findings (listed above)").isZero();
        assertThat(report.statuses().keySet())
                .as("the requests reached the rules")
                .contains(400, 409);
    }
}
