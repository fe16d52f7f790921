package org.trustgov.training.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagementChainsTest {

    @Test
    void aChainRunsUpTheLinksNearestFirstAndStopsWhereHrDataLoops() {
        Map<String, String> managerOf = new HashMap<>();
        managerOf.put("sam", "jo");
        managerOf.put("jo", "chris");
        managerOf.put("chris", "chief");
        managerOf.put("chief", null);
        managerOf.put("a", "b");
        managerOf.put("b", "a");
        managerOf.put("self", "self");
        managerOf.put("new", "not-on-the-roster");

        assertThat(ManagementChains.chainAbove("sam", managerOf)).containsExactly("jo", "chris", "chief");
        assertThat(ManagementChains.chainAbove("chief", managerOf)).isEmpty();
        assertThat(ManagementChains.chainAbove("a", managerOf))
                .as("a loop ends")
                .containsExactly("b");
        assertThat(ManagementChains.chainAbove("self", managerOf)).isEmpty();
        assertThat(ManagementChains.chainAbove("new", managerOf)).containsExactly("not-on-the-roster");
    }

    @Test
    void aChainIsCutAtTheDeepestLevelFollowed() {
        Map<String, String> managerOf = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            managerOf.put("p" + i, "p" + (i + 1));
        }
        assertThat(ManagementChains.chainAbove("p0", managerOf))
                .hasSize(ManagementChains.MAX_LEVELS)
                .startsWith("p1");
    }
}
