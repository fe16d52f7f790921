package org.trustgov.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The service's OpenAPI document, as it serves it, passes Spectral's OpenAPI rules and the OWASP API Security
 * ruleset without a single error: every string, number and array it reads or answers declares its bound, every
 * answer its problem body. The document and the findings stay in {@code target/openapi/}. Each
 * service's {@code OpenApiLintTest} is this test in its {@link IntegrationTest} context.
 */
public abstract class ServedDocumentLint {

    @LocalServerPort
    int port;

    @Value("${spring.application.name}")
    String application;

    @Test
    void theServedDocumentHasNoSpectralError() {
        Spectral.Report report = Spectral.lintService(application.replace("-service", ""), port);

        assertThat(report.errors()).as("Spectral errors").isEmpty();
    }
}
