package org.trustgov.policy.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustgov.policy.Callers;
import org.trustgov.starter.idempotency.IdempotencyKey;
import org.trustgov.starter.idempotency.IdempotencyKeyReusedException;
import org.trustgov.starter.idempotency.KeyedSending;
import org.trustgov.test.IntegrationTest;

/** A resource approved again with its {@code Idempotency-Key} after the answer was lost is the one first added. */
@IntegrationTest
class ResourceApprovedAgainTest {

    @Autowired
    ResourceService resources;

    @Autowired
    ResourceRepository repository;

    @Test
    void approvedAgainWithItsKeyItIsTheResourceTheFirstSendingAddedAndNoSecond() {
        ResourceRequest samaritans = request("https://www.samaritans.org/approved-again");
        IdempotencyKey key = new IdempotencyKey(UUID.randomUUID().toString());
        long before = repository.count();

        KeyedSending.Made<SignpostingResource> first = resources.create(samaritans, Callers.GOVERNANCE, key);
        KeyedSending.Made<SignpostingResource> again = resources.create(samaritans, Callers.GOVERNANCE, key);

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.made().getId()).isEqualTo(first.made().getId());
        assertThat(repository.count()).isEqualTo(before + 1);
        assertThatThrownBy(() ->
                        resources.create(request("https://www.samaritans.org/something-else"), Callers.GOVERNANCE, key))
                .isInstanceOf(IdempotencyKeyReusedException.class)
                .hasMessageContaining(first.made().getId());
        // Without a key, as before: the same resource twice is two.
        resources.create(samaritans, Callers.GOVERNANCE, null);
        resources.create(samaritans, Callers.GOVERNANCE, null);
        assertThat(repository.count()).isEqualTo(before + 3);
    }

    private static ResourceRequest request(String url) {
        return new ResourceRequest(
                "Samaritans",
                url,
                "Someone to talk to, day or night",
                Topic.CRISIS_AND_URGENT_HELP,
                List.of("service users"),
                LocalDate.parse("2027-06-01"),
                List.of());
    }
}
