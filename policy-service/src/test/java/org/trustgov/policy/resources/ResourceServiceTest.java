package org.trustgov.policy.resources;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.policy.Callers;
import org.trustgov.problem.ConflictException;

class ResourceServiceTest {

    @Test
    void theListStaffReadWholeIsBoundedAndAResourceBeyondItIsRefusedBeforeAnythingIsStored() {
        ResourceRepository repository = mock(ResourceRepository.class);
        when(repository.count()).thenReturn((long) SignpostingResource.MAX_RESOURCES);
        ResourceService service = new ResourceService(repository, mock(MongoTemplate.class), Clock.systemUTC());

        assertThatThrownBy(() -> service.create(
                        new ResourceRequest(
                                "Samaritans",
                                "https://www.samaritans.org/",
                                "Someone to talk to, day or night",
                                Topic.CRISIS_AND_URGENT_HELP,
                                List.of("service users"),
                                LocalDate.parse("2027-06-01"),
                                List.of()),
                        Callers.GOVERNANCE,
                        null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("1000 resources");
        verify(repository, never()).insert(any(SignpostingResource.class));
    }
}
