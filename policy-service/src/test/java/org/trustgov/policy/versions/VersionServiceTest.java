package org.trustgov.policy.versions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.policy.Callers;
import org.trustgov.policy.PolicySettings;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.policies.PublishedVersionSwitch;
import org.trustgov.problem.ConflictException;

class VersionServiceTest {

    @Test
    void aPolicyHoldsAtMostItsVersionsSoItsVersionListAndPublicationsAreBounded() {
        VersionContent content = new VersionContent(
                List.of(new Clause("1.1", "Purpose", "Why")), "An issue", LocalDate.parse("2027-01-01"), null);
        PolicyVersion latest = PolicyVersion.draft(
                "SM-001",
                VersionNumber.parse("500.0"),
                content,
                Person.of(Callers.AUTHOR),
                Period.ofYears(3),
                Instant.EPOCH);
        PolicyService policies = mock(PolicyService.class);
        when(policies.get("SM-001")).thenReturn(new Policy("SM-001", "Social media policy", "jordan.author"));
        VersionRepository repository = mock(VersionRepository.class);
        when(repository.findByPolicyCodeOrderByMajorDescMinorDesc("SM-001"))
                .thenReturn(Collections.nCopies(Policy.MAX_VERSIONS, latest));
        VersionService service = new VersionService(
                policies,
                repository,
                mock(OpenComments.class),
                mock(PublishedVersionSwitch.class),
                mock(PolicySettings.class),
                mock(AuditOutbox.class),
                Clock.systemUTC());

        assertThatThrownBy(() -> service.createDraft("SM-001", new NewVersionRequest("501.0", content), Callers.AUTHOR))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(Policy.MAX_VERSIONS + " versions");
        verify(repository, never()).insert(any(PolicyVersion.class));
    }
}
