package org.trustgov.witness;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The audit log's witness as an application of its own: own key, own store, own port and deployment, so that what
 * it cosigned is out of reach of whoever runs the log. A trust runs it beside the platform, or a partner
 * organisation runs it for the trust (audit-service's {@code TRUSTGOV_WITNESS_URL}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WitnessServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(WitnessServiceApplication.class, args);
    }
}
