package org.trustgov.policy.policies;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.policy.Callers;
import org.trustgov.problem.ConflictException;

class PolicyServiceTest {

    @Test
    void aTrustHoldsAtMostItsPoliciesSoEveryWholeListOfThemIsBounded() {
        PolicyRepository repository = mock(PolicyRepository.class);
        when(repository.findByCode("SM-999")).thenReturn(Optional.empty());
        when(repository.count()).thenReturn((long) Policy.MAX_POLICIES);
        PolicyService service = new PolicyService(
                repository,
                mock(org.springframework.data.mongodb.core.MongoTemplate.class),
                mock(AuditOutbox.class),
                Clock.systemUTC());

        assertThatThrownBy(() -> service.create(
                        new PolicyRequest("SM-999", "One policy too many", null, null, List.of(), List.of(), List.of()),
                        Callers.AUTHOR))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(Policy.MAX_POLICIES + " policies");
        verify(repository, never()).insert(any(Policy.class));
    }
}
