package org.trustgov.starter.mongo;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.data.mongodb.config.EnableMongoAuditing;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Fills {@code @CreatedDate} / {@code @LastModifiedDate} on every service's documents. Declared here rather than
 * on each application class, so web-slice tests (which have no MongoDB) do not try to start it.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnClass(MongoTemplate.class)
@EnableMongoAuditing
public class MongoAuditingAutoConfiguration {}
