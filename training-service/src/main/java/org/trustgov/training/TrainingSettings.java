package org.trustgov.training;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Training-service settings ({@code trustgov.training.*}).
 *
 * @param dueSoon how long before a completion expires the person counts as DUE_SOON (ISO-8601, default P30D)
 */
@ConfigurationProperties("trustgov.training")
public record TrainingSettings(@DefaultValue("P30D") Period dueSoon) {
}
