package org.trustgov.starter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContiguousNumbersTest {

    @Test
    void findsTheHighestWhereverItIsWithFewLookups() {
        for (long known : new long[] {0, 1, 7, 1_000}) {
            for (long highest :
                    new long[] {known, known + 1, known + 2, known + 3, known + 64, known + 65, known + 1_000_000}) {
                AtomicInteger lookups = new AtomicInteger();
                long found = ContiguousNumbers.highestFrom(known, n -> {
                    lookups.incrementAndGet();
                    return n <= highest;
                });
                assertThat(found).as("from %d to %d", known, highest).isEqualTo(highest);
                long ahead = highest - known;
                // doubling up to twice the distance, then halving back: about 2 log2(distance) + 1
                assertThat(lookups.get())
                        .as("lookups from %d to %d", known, highest)
                        .isLessThanOrEqualTo(2 * (64 - Long.numberOfLeadingZeros(ahead + 1)) + 1);
            }
        }
    }

    @Test
    void neverAsksForANumberBelowTheKnownOne() {
        ContiguousNumbers.highestFrom(41, n -> {
            assertThat(n).isGreaterThan(41);
            return n <= 50;
        });
    }
}
