package org.trustgov.policy;

import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Gives every path parameter of the policy API an example from the demo data, so Swagger UI calls just work. */
@Configuration(proxyBeanMethods = false)
class PolicyApiExamples {

    private static final Map<String, String> EXAMPLES = Map.of(
            "code", "SM-001",
            "number", "1.0",
            "clause", "4.2",
            "from", "1.0",
            "to", "1.1",
            "within", "P90D");

    @Bean
    OpenApiCustomizer pathParameterExamples() {
        return api -> api.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(p -> {
                            if (p.getExample() == null && EXAMPLES.containsKey(p.getName())) {
                                p.setExample(EXAMPLES.get(p.getName()));
                            }
                        });
                    }
                }));
    }
}
