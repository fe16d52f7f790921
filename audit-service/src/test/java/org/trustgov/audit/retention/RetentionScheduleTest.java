package org.trustgov.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;

/**
 * The retention schedule: the Code's defaults for every class, a trust's overrides, and every invalid override
 * refused at start with one line naming the class and why; the schedule in force is served to governance and
 * auditors only.
 */
@IntegrationTest
class RetentionScheduleTest {

    @LocalServerPort
    int port;

    @Test
    void everyClassHasTheCodesRuleUntilTheTrustOverridesIt() {
        RetentionSchedule defaults = new RetentionSchedule(Map.of());
        assertThat(defaults.inForce())
                .extracting(RetentionRule::recordClass)
                .containsExactly(
                        "conduct-case",
                        "training-record",
                        "staff-record",
                        "policy-version",
                        "consultation-comment",
                        "audit-trail");
        RetentionRule training = defaults.ruleFor("training-record");
        assertThat(training.period()).isEqualTo(Period.ofYears(10));
        assertThat(training.startsAt()).isEqualTo("completion-recorded");
        assertThat(training.action()).isEqualTo(RetentionRule.Action.DESTROY);
        assertThat(training.automatic()).isFalse();
        assertThat(training.source()).contains("Appendix II").contains("Statutory and mandatory training records");

        RetentionSchedule trust = bind(Map.of(
                "trustgov.retention.rules.conduct-case.period", "P20Y",
                "trustgov.retention.rules.training-record.automatic", "true",
                "trustgov.retention.rules.training-record.starts-at", "staff-member-left"));
        RetentionRule serious = trust.ruleFor("conduct-case");
        assertThat(serious.period()).isEqualTo(Period.ofYears(20));
        assertThat(serious.startsAt()).isEqualTo("case-closed");
        assertThat(serious.source()).startsWith("trustgov.retention.rules.conduct-case (overriding: NHS Records");
        assertThat(trust.ruleFor("training-record").automatic()).isTrue();
        assertThat(trust.ruleFor("training-record").startsAt()).isEqualTo("staff-member-left");
        assertThat(trust.ruleFor("staff-record")).isEqualTo(defaults.ruleFor("staff-record"));
    }

    @Test
    void anInvalidRuleStopsTheServiceWithOneLineNamingIt() {
        assertThat(refusal(Map.of("trustgov.retention.rules.tweets.period", "P1Y")))
                .contains("trustgov.retention.rules.tweets")
                .contains("keeps no record class 'tweets'");
        assertThat(refusal(Map.of("trustgov.retention.rules.training-record.period", "P9Y")))
                .contains("trustgov.retention.rules.training-record.period P9Y is shorter than P10Y");
        assertThat(refusal(Map.of("trustgov.retention.rules.audit-trail.period", "P0D")))
                .contains("trustgov.retention.rules.audit-trail.period must be a positive period");
        assertThat(refusal(Map.of("trustgov.retention.rules.staff-record.starts-at", "case-closed")))
                .contains("trustgov.retention.rules.staff-record.starts-at must be one of [staff-member-left]");
        assertThat(refusal(Map.of("trustgov.retention.rules.conduct-case.period", "ten years")))
                .contains("trustgov.retention.rules.conduct-case.period");
        assertThatThrownBy(() -> new RetentionSchedule(
                        Map.of("conduct-case", new RetentionSchedule.Override(null, null, null, null))))
                .hasMessageContaining("trustgov.retention.rules.conduct-case overrides nothing");
    }

    @Test
    void governanceAndAuditorsReadTheScheduleInForceAndStaffDoNot() throws Exception {
        HttpResponse<String> read = get(TestTokens.person("taylor.auditor", "10000006", "Internal Audit", "auditor"));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body())
                .contains("\"recordClass\":\"conduct-case\"")
                .contains("\"period\":\"P10Y\"")
                .contains("\"action\":\"REVIEW\"")
                .contains("Appendix II");
        assertThat(get(TestTokens.person("alex.nurse", "10000001", "Acute Medicine", "staff"))
                        .statusCode())
                .isEqualTo(403);
    }

    private HttpResponse<String> get(String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/retention"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static RetentionSchedule bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("trustgov.retention", RetentionSchedule.class);
    }

    /** The message a start with these settings fails with (the binding failure and its causes, as one text). */
    private static String refusal(Map<String, String> settings) {
        try {
            bind(settings);
        } catch (RuntimeException e) {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append(" | ");
            }
            return messages.toString();
        }
        throw new AssertionError("started with " + settings);
    }
}
