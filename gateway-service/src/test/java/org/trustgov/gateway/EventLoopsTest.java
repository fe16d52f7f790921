package org.trustgov.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class EventLoopsTest {

    @Test
    void withoutASettingThereIsOneLoopPerProcessor() {
        assertThat(EventLoops.count(null, 2)).isEqualTo(2);
        assertThat(EventLoops.count(" ", 8)).isEqualTo(8);
        assertThat(EventLoops.count(null, 1000)).isEqualTo(EventLoops.MAX);
    }

    @Test
    void theSettingIsTakenWhenItIsAWholeNumberInRange() {
        assertThat(EventLoops.count("1", 8)).isEqualTo(1);
        assertThat(EventLoops.count(" 4 ", 2)).isEqualTo(4);
    }

    @Test
    void anythingElseIsRefusedNamingTheVariable() {
        for (String wrong : new String[] {"0", "-1", "257", "two", "1.5", "99999999999"}) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> EventLoops.count(wrong, 2))
                    .withMessage(
                            "TRUSTGOV_GATEWAY_EVENT_LOOPS must be a whole number from 1 to 256, not '" + wrong + "'");
        }
    }
}
