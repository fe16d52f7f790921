package org.trustgov.starter.mongo;

import java.time.Clock;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/** {@link ScheduledJobs} on the service's own database. */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnClass({MongoTemplate.class, MongoLockProvider.class})
public class ScheduledJobsAutoConfiguration {

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    @ConditionalOnMissingBean
    ScheduledJobs scheduledJobs(MongoTemplate mongo, ObjectProvider<Clock> clock) {
        return new ScheduledJobs(new MongoLockProvider(mongo.getDb()), clock.getIfAvailable(Clock::systemUTC));
    }
}
