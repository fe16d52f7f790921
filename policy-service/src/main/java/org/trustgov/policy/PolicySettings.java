package org.trustgov.policy;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.trustgov.starter.validation.Periods;

/**
 * Policy-service settings ({@code trustgov.policy.*}).
 *
 * @param reviewPeriod how long after its effective date a version is due for review unless the author sets a date
 *                     (ISO-8601 period; the trust's default is three years)
 * @param seedDemoData seed the demo policy and signposting resources on an empty database (local runs only)
 */
@ConfigurationProperties("trustgov.policy")
public record PolicySettings(
        @DefaultValue("P3Y") Period reviewPeriod,
        @DefaultValue("false") boolean seedDemoData) {

    public PolicySettings {
        Periods.requireWithin("trustgov.policy.review-period", reviewPeriod, Period.ofMonths(1), Period.ofYears(10));
    }
}
