package org.trustgov.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchesTest {

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "n" + i).toList();
    }

    @Test
    void everyItemIsNamedOnceInOrderInBatchesOfTheSize() {
        assertThat(Batches.of(ids(0), 500)).isEmpty();
        assertThat(Batches.of(ids(500), 500)).hasSize(1);
        List<List<String>> batches = Batches.of(ids(1001), 500);
        assertThat(batches).extracting(List::size).containsExactly(500, 500, 1);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(ids(1001));
        assertThat(Batches.of(ids(3), 1)).extracting(List::size).containsExactly(1, 1, 1);
    }

    @Test
    void aBatchHoldsAtLeastOneItem() {
        assertThatThrownBy(() -> Batches.of(ids(3), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }
}
