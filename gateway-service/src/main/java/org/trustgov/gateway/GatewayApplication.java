package org.trustgov.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The platform's only public entry: routes, browser login (backend-for-frontend), API docs, web pages. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        EventLoops.configure(System.getenv(EventLoops.VARIABLE));
        SpringApplication.run(GatewayApplication.class, args);
    }
}
