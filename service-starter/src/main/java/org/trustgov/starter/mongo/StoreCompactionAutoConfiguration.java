package org.trustgov.starter.mongo;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

/** {@link StoreCompaction} on the service's own database. */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnClass(MongoTemplate.class)
public class StoreCompactionAutoConfiguration {

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    @ConditionalOnMissingBean
    StoreCompaction storeCompaction(MongoTemplate mongo, Environment environment) {
        Duration quietFor = DurationStyle.detectAndParse(
                environment.getProperty("trustgov.mongodb.compact-after-erasure", "PT10S"));
        return new StoreCompaction(mongo, quietFor);
    }
}
