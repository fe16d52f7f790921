package org.trustgov.mongo.embedded;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the embedded server is asked for ({@code trustgov.mongodb.embedded.enabled=true}) and no real
 * MongoDB is configured ({@code spring.mongodb.uri}, fed by {@code MONGODB_URI}, is empty).
 */
class OnNoMongoUri extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (!context.getEnvironment().getProperty("trustgov.mongodb.embedded.enabled", Boolean.class, false)) {
            return ConditionOutcome.noMatch("trustgov.mongodb.embedded.enabled is not true");
        }
        String uri = context.getEnvironment().getProperty("spring.mongodb.uri");
        return StringUtils.hasText(uri)
                ? ConditionOutcome.noMatch("spring.mongodb.uri is set: using that MongoDB")
                : ConditionOutcome.match("embedded MongoDB enabled and no spring.mongodb.uri");
    }
}
