package org.trustgov.auditclient.access;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.FeignClientBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.auditclient.OutboxProperties;
import org.trustgov.starter.mongo.StoreCompaction;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * The service's {@link AccessLog}, whatever its destination: audit-service keeps the records itself (its own
 * {@link AccessRecordDestination} bean); a service with {@code trustgov.outbox.audit-url} relays them there
 * ({@link RelayedAccessRecords}).
 */
@AutoConfiguration(
        afterName = {
            "org.trustgov.auditclient.OutboxAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration"
        })
@EnableConfigurationProperties(AccessRecordSettings.class)
public class AccessLogAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "trustgov.outbox", name = "audit-url")
    @ConditionalOnMissingBean(AccessRecordDestination.class)
    static class Relayed {

        @Bean
        RelayedAccessRecords relayedAccessRecords(
                MongoTemplate mongo,
                ApplicationContext context,
                GuardedCalls guarded,
                OutboxProperties outbox,
                Clock clock,
                ObjectProvider<StoreCompaction> compaction) {
            AccessRecordsClient client = new FeignClientBuilder(context)
                    .forType(AccessRecordsClient.class, RelayedAccessRecords.GUARD)
                    .contextId("access-records")
                    .url(outbox.auditUrl())
                    .build();
            return new RelayedAccessRecords(
                    mongo, client, guarded, outbox.pollInterval().toMillis(), clock, compaction.getIfAvailable());
        }
    }

    @Bean
    @ConditionalOnBean(AccessRecordDestination.class)
    AccessLog accessLog(
            AccessRecordDestination destination,
            AccessRecordSettings settings,
            @Value("${spring.application.name}") String service,
            Clock clock) {
        return new AccessLog(destination, settings, service, clock);
    }
}
