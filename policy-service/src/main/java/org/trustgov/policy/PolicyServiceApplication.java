package org.trustgov.policy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.trustgov.auditclient.AuditedDocuments;
import org.trustgov.policy.attestations.Attestation;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.versions.PolicyVersion;

/** Social media policy: versions, clauses, consultation, staff attestations and signposting resources. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableFeignClients
public class PolicyServiceApplication {

    /** The documents whose changes carry their audit events until the outbox has them. */
    @Bean
    AuditedDocuments auditedDocuments() {
        return AuditedDocuments.of(Policy.class, PolicyVersion.class, Attestation.class);
    }

    public static void main(String[] args) {
        SpringApplication.run(PolicyServiceApplication.class, args);
    }
}
