package org.trustgov.starter.mongo;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when no real MongoDB is configured: {@code spring.mongodb.uri} (fed by {@code MONGODB_URI}) is empty. */
class OnNoMongoUri extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String uri = context.getEnvironment().getProperty("spring.mongodb.uri");
        return StringUtils.hasText(uri)
                ? ConditionOutcome.noMatch("spring.mongodb.uri is set: using that MongoDB")
                : ConditionOutcome.match("no spring.mongodb.uri: starting the embedded MongoDB server");
    }
}
