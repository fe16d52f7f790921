package org.trustgov.audit.crash;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.trustgov.audit.AuditServiceApplication;
import org.trustgov.keycloak.test.TestTokens;

/**
 * audit-service as the crash test runs it, in a JVM of its own that the test can kill: the real application, with
 * the token key of the test JVM (passed as {@code -Dtest.public-key}) in place of Keycloak's.
 */
public final class CrashTestAuditService {

    private CrashTestAuditService() {}

    @TestConfiguration(proxyBeanMethods = false) // kept out of other tests' component scans
    static class TestKey {
        @Bean
        @Primary
        JwtDecoder crashTestJwtDecoder() {
            return TestTokens.decoder(System.getProperty("test.public-key"));
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(new Class<?>[] {AuditServiceApplication.class, TestKey.class}, args);
    }
}
