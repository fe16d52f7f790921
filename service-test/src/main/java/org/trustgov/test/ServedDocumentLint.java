package org.trustgov.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The service's OpenAPI document, as it serves it, passes Spectral's OpenAPI rules and the OWASP API Security
 * ruleset without an error but the known unbounded answer arrays ({@code deploy/openapi/known-unbounded-answers.txt}),
 * and none of those is listed once fixed. The document and the findings stay in {@code target/openapi/}. Each
 * service's {@code OpenApiLintTest} is this test in its {@link IntegrationTest} context.
 */
public abstract class ServedDocumentLint {

    @LocalServerPort
    int port;

    @Value("${spring.application.name}")
    String application;

    @Test
    void theServedDocumentHasNoSpectralError() {
        Spectral.Verdict verdict = Spectral.lintService(application.replace("-service", ""), port);

        assertThat(verdict.newErrors()).as("Spectral errors").isEmpty();
        assertThat(verdict.fixed()).as("fixed: remove from deploy/openapi/known-unbounded-answers.txt").isEmpty();
    }
}
