package org.trustgov.training;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.trustgov.auditclient.AuditedDocuments;
import org.trustgov.training.attempts.Attempt;
import org.trustgov.training.modules.ModuleSeries;
import org.trustgov.training.roster.RosterUpload;

/** Staff roster from HR, training modules bound to a policy version, assessments, completions and compliance. */
@SpringBootApplication
@EnableFeignClients
@EnableScheduling
@ConfigurationPropertiesScan
public class TrainingServiceApplication {

    /** The documents whose changes carry their audit events until the outbox has them. */
    @Bean
    AuditedDocuments auditedDocuments() {
        return AuditedDocuments.of(
                Attempt.class,
                RosterUpload.class,
                ModuleSeries.class,
                org.trustgov.training.refreshers.TargetedRefresher.class,
                org.trustgov.training.overrides.TrainingOverride.class);
    }

    public static void main(String[] args) {
        SpringApplication.run(TrainingServiceApplication.class, args);
    }
}
