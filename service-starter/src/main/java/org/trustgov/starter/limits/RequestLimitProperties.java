package org.trustgov.starter.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The size of what a service reads from a request ({@code trustgov.web.*}); the OpenAPI document declares the same
 * numbers.
 *
 * @param maxBodySize        the largest request body; bigger ones get 413
 * @param maxParameterLength characters in one path segment or one query parameter value (decoded); longer is a 400
 * @param maxParameterValues values one query parameter may repeat with; more is a 400
 */
@ConfigurationProperties("trustgov.web")
public record RequestLimitProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("200") int maxParameterLength,
        @DefaultValue("20") int maxParameterValues) {

    public RequestLimitProperties {
        if (maxParameterLength < 40 || maxParameterValues < 1) {
            throw new IllegalArgumentException(
                    "trustgov.web.max-parameter-length must be at least 40 and " + "max-parameter-values at least 1");
        }
    }
}
