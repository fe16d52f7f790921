package org.trustgov.starter.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How the service describes itself in its OpenAPI document ({@code trustgov.api.*}). */
@ConfigurationProperties("trustgov.api")
public record ServiceApiProperties(
        @DefaultValue("Trust platform service") String title,
        @DefaultValue("") String description,
        @DefaultValue("0.1.0") String version) {
}
