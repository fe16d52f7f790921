package org.trustgov.auditclient;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.starter.mongo.ScheduledJobs;

/**
 * The service's {@link AuditOutbox}, whatever its destination: the HTTP relay of {@link OutboxAutoConfiguration}
 * in policy- and training-service, the log itself in audit-service (its own {@link AuditEventDestination} bean).
 * With an {@link AuditedDocuments} bean, also the sweep that hands on what a stop left in those documents.
 */
@AutoConfiguration(
        after = OutboxAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
            "org.trustgov.starter.mongo.ScheduledJobsAutoConfiguration"
        })
public class AuditOutboxAutoConfiguration {

    @Bean
    @ConditionalOnBean(AuditEventDestination.class)
    AuditOutbox auditOutbox(
            MongoTemplate mongo,
            AuditEventDestination destination,
            Clock clock,
            @Value("${spring.application.name}") String source,
            org.springframework.beans.factory.ObjectProvider<org.trustgov.starter.mongo.StoreCompaction> compaction) {
        return new AuditOutbox(mongo, source, clock, destination, compaction.getIfAvailable());
    }

    @Bean
    @ConditionalOnBean({AuditedDocuments.class, AuditEventDestination.class})
    PendingAuditEventSweep pendingAuditEventSweep(
            MongoTemplate mongo,
            AuditOutbox outbox,
            AuditedDocuments documents,
            ScheduledJobs jobs,
            @Value("${trustgov.outbox.sweep-interval:1m}") Duration interval,
            @Value("${trustgov.outbox.search-interval:1h}") Duration searchInterval) {
        return new PendingAuditEventSweep(mongo, outbox, documents, jobs, interval, searchInterval);
    }
}
