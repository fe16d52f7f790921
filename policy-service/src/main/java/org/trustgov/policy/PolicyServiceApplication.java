package org.trustgov.policy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;

/** Social media policy: versions, clauses, consultation, staff attestations and signposting resources. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients
public class PolicyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PolicyServiceApplication.class, args);
    }
}
