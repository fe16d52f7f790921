package org.trustgov.starter;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * The settings every service shares ({@code trustgov-service-defaults.properties} in this starter), added with
 * the lowest precedence: a service's application.yml, the environment and the command line all override them.
 * One place instead of the same lines in each service.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

    static final String NAME = "trustgov-service-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment
                    .getPropertySources()
                    .addLast(new ResourcePropertySource(
                            NAME, new ClassPathResource(NAME + ".properties", ServiceDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException("The starter's " + NAME + ".properties is missing", e);
        }
    }
}
