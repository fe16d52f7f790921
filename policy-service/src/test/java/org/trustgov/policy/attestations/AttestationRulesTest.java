package org.trustgov.policy.attestations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.policies.PolicyRequest;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.versions.Clause;
import org.trustgov.policy.versions.NewVersionRequest;
import org.trustgov.policy.versions.VersionContent;
import org.trustgov.policy.versions.VersionService;
import org.trustgov.problem.ConflictException;
import org.trustgov.test.IntegrationTest;

/** Acknowledgement rules on the real store: idempotent, minor versions need nothing, a major asks again. */
@IntegrationTest
class AttestationRulesTest {

    static final Caller AUTHOR = person("jordan.author", "10000003", "Communications", "staff", "policy-author");
    static final Caller GOVERNANCE =
            person("morgan.governance", "10000004", "Clinical Governance", "staff", "governance");
    static final Caller NURSE = person("alex.nurse", "10000001", "Acute Medicine", "staff");
    static final Caller DOCTOR = person("priya.doctor", "10000002", "Emergency Department", "staff");
    static final Caller MANAGER = person("chris.manager", "10000005", "Acute Medicine", "staff", "line-manager");

    @Autowired
    PolicyService policies;

    @Autowired
    VersionService versions;

    @Autowired
    AttestationService attestations;

    @Test
    void acknowledgingIsIdempotentAMinorVersionAsksNothingAndAMajorAsksAgain() {
        String code = "AT-101";
        policies.create(
                new PolicyRequest(code, "Attestation test", null, null, List.of(), List.of(), List.of()), AUTHOR);
        publish(code, "1.0");

        assertThat(owes(NURSE, code)).isTrue();
        assertThat(attestations.acknowledge(code, "1.0", NURSE).created()).isTrue();
        assertThat(attestations.acknowledge(code, "1.0", NURSE).created())
                .as("second time")
                .isFalse();
        assertThat(owes(NURSE, code)).isFalse();

        publish(code, "1.1");
        assertThat(owes(NURSE, code)).as("after a minor version").isFalse();
        assertThatThrownBy(() -> attestations.acknowledge(code, "1.0", DOCTOR))
                .as("superseded version")
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> attestations.acknowledge(code, "9.9", DOCTOR))
                .as("a version there is not")
                .isInstanceOf(org.trustgov.problem.NotFoundException.class);
        attestations.acknowledge(code, "1.1", DOCTOR);

        var coverage = attestations.coverage(code, GOVERNANCE);
        assertThat(coverage.departments())
                .extracting(AttestationViews.DepartmentCoverage::department)
                .containsExactly("Acute Medicine", "Emergency Department");
        var managers = attestations.coverage(code, MANAGER);
        assertThat(managers.departments())
                .as("a manager sees only their department")
                .containsExactly(new AttestationViews.DepartmentCoverage("Acute Medicine", 1, null, null));
        assertThat(managers.rosterAvailable())
                .as("no training-service in this test")
                .isFalse();

        publish(code, "2.0");
        assertThat(owes(NURSE, code)).as("after a major version").isTrue();
        assertThat(attestations.coverage(code, GOVERNANCE).departments()).isEmpty();
    }

    @Autowired
    org.trustgov.policy.consultation.ConsultationService consultation;

    @Autowired
    org.trustgov.policy.subjectaccess.SubjectAccessController subjectAccess;

    /**
     * What the doctor's subject access bundle gets from policy-service: her acknowledgement, her comment and the
     * reply to it by "a reviewer", never the reviewer's number; only audit-service may ask.
     */
    @Test
    @org.springframework.security.test.context.support.WithMockUser(roles = "service")
    void aPersonsRecordsForTheirSubjectAccessBundleNameOthersByRoleOnly() {
        String code = "AT-102";
        policies.create(
                new PolicyRequest(code, "Subject access test", null, null, List.of(), List.of(), List.of()), AUTHOR);
        publish(code, "1.0");
        attestations.acknowledge(code, "1.0", DOCTOR);
        versions.createDraft(
                code,
                new NewVersionRequest(
                        "1.1",
                        new VersionContent(
                                List.of(new Clause("1.1", "Purpose", "Version 1.1")),
                                "v1.1",
                                LocalDate.parse("2027-01-01"),
                                null)),
                AUTHOR);
        versions.submitForReview(code, "1.1", AUTHOR);
        var comment = consultation
                .comment(
                        code,
                        "1.1",
                        new org.trustgov.policy.consultation.CommentRequest("1.1", "Name the wards."),
                        DOCTOR,
                        null)
                .comment();
        consultation.reply(
                code,
                "1.1",
                comment.getId(),
                new org.trustgov.policy.consultation.ReplyRequest("Added."),
                GOVERNANCE,
                null);

        Caller auditService = new Caller(
                "s", "service-account-audit-service", null, null, java.util.Set.of("service"), "audit-service", true);
        var records = subjectAccess.of("10000002", auditService);
        assertThat(records.acknowledgements())
                .extracting(a -> a.policyCode() + " " + a.version())
                .contains(code + " 1.0");
        var mine = records.comments().stream()
                .filter(c -> c.id().equals(comment.getId()))
                .findFirst()
                .orElseThrow();
        assertThat(mine.writtenBy()).isEqualTo("you");
        assertThat(mine.text()).isEqualTo("Name the wards.");
        assertThat(mine.replies()).singleElement().satisfies(r -> {
            assertThat(r.by()).isEqualTo("a reviewer");
            assertThat(r.text()).isEqualTo("Added.");
        });
        assertThat(records.toString()).doesNotContain("10000004").doesNotContain("morgan");
        Caller trainingService = new Caller(
                "s",
                "service-account-training-service",
                null,
                null,
                java.util.Set.of("service"),
                "training-service",
                true);
        assertThatThrownBy(() -> subjectAccess.of("10000002", trainingService))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThatThrownBy(() -> subjectAccess.of("10000002", GOVERNANCE))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    private boolean owes(Caller caller, String code) {
        return attestations.mine(caller).owed().stream()
                .anyMatch(o -> o.policyCode().equals(code));
    }

    private void publish(String code, String number) {
        versions.createDraft(
                code,
                new NewVersionRequest(
                        number,
                        new VersionContent(
                                List.of(new Clause("1.1", "Purpose", "Version " + number)),
                                "v" + number,
                                LocalDate.parse("2027-01-01"),
                                null)),
                AUTHOR);
        versions.submitForReview(code, number, AUTHOR);
        versions.approve(code, number, GOVERNANCE);
        versions.publish(code, number, GOVERNANCE);
    }

    private static Caller person(String username, String staffNumber, String department, String... roles) {
        return new Caller(username, username, staffNumber, department, Set.of(roles), "demo-cli", false);
    }
}
