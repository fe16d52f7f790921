package org.trustgov.training.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdBatchesTest {

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "n" + i).toList();
    }

    @Test
    void everyIdIsNamedOnceInListsOfAFewHundred() {
        assertThat(DigestRelay.batches(ids(0))).isEmpty();
        assertThat(DigestRelay.batches(ids(DigestRelay.IDS_PER_QUERY))).hasSize(1);
        List<List<String>> batches = DigestRelay.batches(ids(2 * DigestRelay.IDS_PER_QUERY + 1));
        assertThat(batches)
                .extracting(List::size)
                .containsExactly(DigestRelay.IDS_PER_QUERY, DigestRelay.IDS_PER_QUERY, 1);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(ids(2 * DigestRelay.IDS_PER_QUERY + 1));
    }
}
