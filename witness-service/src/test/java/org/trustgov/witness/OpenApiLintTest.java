package org.trustgov.witness;

import org.trustgov.test.IntegrationTest;
import org.trustgov.test.ServedDocumentLint;

/** Spectral with the OWASP ruleset over this service's served OpenAPI document ({@link ServedDocumentLint}). */
@IntegrationTest
class OpenApiLintTest extends ServedDocumentLint {}
