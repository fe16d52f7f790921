package org.trustgov.auditclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersionSevenUuidThatStartsWithTheTimeItWasMade() {
        long before = System.currentTimeMillis();
        String id = TimeOrderedIds.next();
        long after = System.currentTimeMillis();

        UUID uuid = UUID.fromString(id);
        assertThat(id).hasSize(36).isEqualTo(id.toLowerCase(java.util.Locale.ROOT));
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2); // RFC 9562
        assertThat(uuid.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsTextAndNoneRepeats() {
        List<String> ids = new ArrayList<>();
        for (int millisecond = 0; millisecond < 5; millisecond++) {
            for (int i = 0; i < 1_000; i++) {
                ids.add(TimeOrderedIds.next());
            }
            long now = System.currentTimeMillis();
            while (System.currentTimeMillis() == now) {
                Thread.onSpinWait(); // the next round in a later millisecond
            }
        }
        Set<String> distinct = new HashSet<>(ids);
        assertThat(distinct).hasSize(ids.size());
        // Each id sorts after every id of an earlier millisecond: as text, which is how the store orders them.
        for (int i = 1; i < ids.size(); i++) {
            String earlier = ids.get(i - 1);
            String later = ids.get(i);
            if (!earlier.substring(0, 13).equals(later.substring(0, 13))) {
                assertThat(later).isGreaterThan(earlier);
            }
        }
        assertThat(ids.get(ids.size() - 1)).isGreaterThan(ids.get(0));
    }

    @Test
    void idsOfTheSameMillisecondDoNotFollowOneAnother() {
        // The random part is drawn for each id: knowing one id does not give the next one.
        String first = TimeOrderedIds.next();
        String second = TimeOrderedIds.next();
        long firstLow = UUID.fromString(first).getLeastSignificantBits();
        long secondLow = UUID.fromString(second).getLeastSignificantBits();
        assertThat(Math.abs(secondLow - firstLow)).isGreaterThan(1_000L);
    }
}
