package org.trustgov.starter.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * What every service's JSON reader refuses: nesting, numbers and names beyond {@link JsonInputProperties}
 * (checked by the streaming parser, so a hostile body never becomes a deep object), an object giving one field
 * twice, and strings that are not well-formed Unicode ({@link WellFormedStringDeserializer}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(JsonMapper.class)
@EnableConfigurationProperties(JsonInputProperties.class)
public class JsonInputAutoConfiguration {

    @Bean
    JsonFactoryBuilderCustomizer trustgovJsonReadConstraints(JsonInputProperties limits) {
        return new ReadConstraints(limits);
    }

    /** Ordered last, after Boot's own customizer, so these limits win. */
    static final class ReadConstraints implements JsonFactoryBuilderCustomizer, Ordered {
        private final JsonInputProperties limits;

        ReadConstraints(JsonInputProperties limits) {
            this.limits = limits;
        }

        @Override
        public void customize(JsonFactoryBuilder builder) {
            builder.streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxNestingDepth())
                    .maxNumberLength(limits.maxNumberLength())
                    .maxNameLength(limits.maxNameLength())
                    .maxStringLength(limits.maxStringLength())
                    .build());
            // {"subjectStaffNumber":"1","subjectStaffNumber":"2"} names two people; which one a reader keeps is
            // its own choice, so a body giving a field twice is refused rather than read either way.
            builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    @Bean
    JacksonModule trustgovWellFormedText() {
        return new SimpleModule("trustgov-well-formed-text")
                .addDeserializer(String.class, new WellFormedStringDeserializer());
    }
}
