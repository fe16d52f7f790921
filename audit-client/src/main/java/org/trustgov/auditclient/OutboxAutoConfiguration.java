package org.trustgov.auditclient;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.FeignClientBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.starter.resilience.GuardedCalls;
import org.trustgov.starter.resilience.GuardedCallsAutoConfiguration;

/**
 * The audit outbox for services that report to audit-service: on when {@code trustgov.outbox.audit-url} is set.
 * The Feign client is built here (named {@code audit-events}, so {@code spring.cloud.openfeign.client.config
 * .audit-events} and {@code resilience4j.*.instances.audit-events} configure it) and carries the service's own
 * token like every other Feign client of the service. The relay is the destination of the service's
 * {@link AuditOutbox} ({@link AuditOutboxAutoConfiguration}).
 */
@AutoConfiguration(
        after = GuardedCallsAutoConfiguration.class,
        afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnClass(FeignClientBuilder.class)
@ConditionalOnProperty(prefix = "trustgov.outbox", name = "audit-url")
// audit-service is its own destination (the log, in process): it has no relay to itself.
@ConditionalOnMissingBean(AuditEventDestination.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelay auditOutboxRelay(
            MongoTemplate mongo,
            ApplicationContext context,
            GuardedCalls guarded,
            OutboxProperties properties,
            Clock clock) {
        AuditEventsClient client = new FeignClientBuilder(context)
                .forType(AuditEventsClient.class, OutboxRelay.GUARD)
                .url(properties.auditUrl())
                .build();
        return new OutboxRelay(mongo, client, guarded, properties, clock);
    }

    @Bean
    AuditLogEvidence auditLogEvidence(ApplicationContext context, GuardedCalls guarded, OutboxProperties properties) {
        AuditEvidenceClient client = new FeignClientBuilder(context)
                .forType(AuditEvidenceClient.class, AuditLogEvidence.GUARD)
                .url(properties.auditUrl())
                .build();
        return new AuditLogEvidence(client, guarded);
    }

    @Bean
    DeliveredEventsHousekeeping deliveredAuditEventsHousekeeping(
            MongoTemplate mongo,
            org.trustgov.starter.mongo.ScheduledJobs jobs,
            OutboxProperties properties,
            Clock clock) {
        return new DeliveredEventsHousekeeping(mongo, jobs, properties, clock);
    }

    @Bean
    OutboxAdminController outboxAdminController(OutboxRelay relay) {
        return new OutboxAdminController(relay);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {
        @Bean
        OutboxMetrics outboxMetrics(OutboxRelay relay, Clock clock) {
            return new OutboxMetrics(relay, clock);
        }
    }
}
