package org.trustgov.training.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A reminder rule with a zero or negative period stops the service at start-up, naming the setting. */
class ReminderSettingsTest {

    @EnableConfigurationProperties(ReminderSettings.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDefaultsStart() {
        runner.run(context -> {
            ReminderSettings settings = context.getBean(ReminderSettings.class);
            assertThat(settings.dueSoonNotices()).extracting(Object::toString).containsExactly("P30D", "P7D");
            assertThat(settings.reviewNotices()).extracting(Object::toString).containsExactly("P90D", "P30D");
        });
    }

    @Test
    void aZeroOrNegativePeriodStopsTheServiceNamingIt() {
        Map<String, String> bad = Map.of(
                "trustgov.reminders.overdue-repeat", "P0D",
                "trustgov.reminders.first-completion-within", "-P1D",
                "trustgov.reminders.due-soon-notices", "P30D,P0D",
                "trustgov.reminders.acknowledge-within", "P0D",
                "trustgov.reminders.keep-for", "P30D");
        bad.forEach((property, value) -> runner.withPropertyValues(property + "=" + value)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCause(context.getStartupFailure()).getMessage())
                            .as(property)
                            .startsWith(property.replace("due-soon-notices", "due-soon-notices[1]"))
                            .containsAnyOf("must be a positive period", "must be at least P60D");
                }));
        assertThatThrownBy(() -> new ReminderSettings(
                        true,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        10,
                        6,
                        null,
                        null,
                        null,
                        "x@y",
                        "http://x"))
                .hasMessageContaining("trustgov.reminders.first-completion-within");
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
