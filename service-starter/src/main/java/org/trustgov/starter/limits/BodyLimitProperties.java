package org.trustgov.starter.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code trustgov.web.max-body-size}: the largest request body a service reads; bigger ones get 413. */
@ConfigurationProperties("trustgov.web")
public record BodyLimitProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
