package org.trustgov.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustgov.test.Spectral;

/**
 * The service's OpenAPI document, as it serves it, passes Spectral's OpenAPI rules and the OWASP API Security
 * ruleset without an error but the known unbounded answer arrays ({@code deploy/openapi/known-unbounded-answers.txt}),
 * and none of those is listed once fixed. The document and the findings stay in {@code target/openapi/}.
 */
@IntegrationTest
class OpenApiLintTest {

    @LocalServerPort
    int port;

    @Test
    void theServedDocumentHasNoSpectralError() {
        Spectral.Verdict verdict = Spectral.lintService("audit", port);

        assertThat(verdict.newErrors()).as("Spectral errors").isEmpty();
        assertThat(verdict.fixed()).as("fixed: remove from deploy/openapi/known-unbounded-answers.txt").isEmpty();
    }
}
