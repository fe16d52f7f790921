package org.trustgov.starter.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * How every service talks to MongoDB. Writes are acknowledged only once a majority of the replica set has them in
 * its journal ({@code w=majority, j=true}) and reads that decide a write are majority reads, so a failover can
 * never roll back an audit entry or an outbox record the service already answered for. A {@code MONGODB_URI} that
 * names its own write or read concern keeps it. And a service with no database configured refuses to start,
 * instead of quietly talking to {@code localhost:27017} or an empty in-process store.
 */
@AutoConfiguration(
        before = MongoAutoConfiguration.class,
        afterName = "org.trustgov.mongo.embedded.EmbeddedMongoAutoConfiguration")
@ConditionalOnClass(MongoClient.class)
public class MongoConnectionAutoConfiguration {

    @Bean
    MongoClientSettingsBuilderCustomizer durableMongoWritesAndReads(Environment environment) {
        String uri = environment.getProperty("spring.mongodb.uri");
        ConnectionString configured = StringUtils.hasText(uri) ? new ConnectionString(uri) : null;
        return settings -> {
            if (configured == null || configured.getWriteConcern() == null) {
                settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
            }
            if (configured == null || configured.getReadConcern() == null) {
                settings.readConcern(ReadConcern.MAJORITY);
            }
        };
    }

    @Bean
    @Conditional(NoMongoConfigured.class)
    Object refuseToStartWithoutADatabase() {
        throw new IllegalStateException("No MongoDB is configured: set MONGODB_URI to the trust's MongoDB (a replica "
                + "set, e.g. mongodb://db-0,db-1,db-2/policy?replicaSet=rs0), or, for a local run or a test only, "
                + "TRUSTGOV_MONGODB_EMBEDDED_ENABLED=true for the in-process store");
    }

    /** Neither a URI nor the embedded store asked for. */
    static class NoMongoConfigured extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment env = context.getEnvironment();
            boolean uri = StringUtils.hasText(env.getProperty("spring.mongodb.uri"));
            boolean embedded = env.getProperty("trustgov.mongodb.embedded.enabled", Boolean.class, false);
            return uri || embedded
                    ? ConditionOutcome.noMatch("a MongoDB is configured")
                    : ConditionOutcome.match("neither spring.mongodb.uri nor trustgov.mongodb.embedded.enabled");
        }
    }
}
