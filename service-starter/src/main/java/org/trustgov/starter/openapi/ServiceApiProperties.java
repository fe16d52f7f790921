package org.trustgov.starter.openapi;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service describes itself in its OpenAPI document ({@code trustgov.api.*}).
 *
 * @param publicUrl   the gateway's public address, the one server of the document: Swagger UI's "Try it out" calls
 *                    go through the gateway, which holds the browser's login and relays its token
 * @param environment which environment that gateway serves (local, test, staging, production), for readers of
 *                    the document and its {@code servers} entry
 * @param contact     who answers questions about the API (the trust's team that runs the platform)
 */
@ConfigurationProperties("trustgov.api")
public record ServiceApiProperties(
        @DefaultValue("Trust platform service") String title,
        @DefaultValue("") String description,
        @DefaultValue("0.1.0") String version,
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("local") String environment,

        @DefaultValue("The trust's information governance team")
        String contact) {}
