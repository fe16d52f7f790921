package org.trustgov.audit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.trustgov.audit.incidents.Incident;
import org.trustgov.audit.retention.DisposalList;
import org.trustgov.audit.retention.LegalHold;
import org.trustgov.auditclient.AuditedDocuments;

/** Conduct-breach incidents, their investigation workflow, and the tamper-evident audit log. */
@SpringBootApplication
@EnableFeignClients
@EnableScheduling
@ConfigurationPropertiesScan
public class AuditServiceApplication {

    /**
     * The documents whose changes carry their audit events until the log has them (through the one
     * {@link org.trustgov.auditclient.AuditOutbox}, whose destination here is the log itself).
     */
    @Bean
    AuditedDocuments auditedDocuments() {
        return AuditedDocuments.of(Incident.class, LegalHold.class, DisposalList.class);
    }

    public static void main(String[] args) {
        SpringApplication.run(AuditServiceApplication.class, args);
    }
}
