package floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway as it comes, for deploy/local/bench-gateway.sh --floors: Boot with the gateway jar's own
 * libraries, the three services' routes by path, Boot's and the gateway's defaults, and no Spring Security (its
 * auto-configuration and the project's Keycloak adapter left out), so no token is checked. It is what the gateway
 * framework costs before any of this project's work, never a way to run the platform.
 *
 * <p>Run as a source file: {@code java -cp "<the gateway jar's BOOT-INF/lib>/*" ScgFloor.java --server.port=PORT
 * --floor.policy=POLICY_PORT --floor.training=TRAINING_PORT --floor.audit=AUDIT_PORT}.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration",
            "org.springframework.cloud.commons.security.ResourceServerTokenRelayAutoConfiguration",
            "org.springdoc.core.configuration.SpringDocSecurityConfiguration",
            "org.trustgov.keycloak.servlet.KeycloakServletAutoConfiguration",
            "org.trustgov.keycloak.reactive.KeycloakReactiveAutoConfiguration",
            "org.trustgov.keycloak.feign.ServiceTokenAutoConfiguration"
        })
public class ScgFloor {

    public static void main(String[] args) {
        String routes = "spring.cloud.gateway.server.webflux.routes";
        SpringApplication application = new SpringApplication(ScgFloor.class);
        application.setDefaultProperties(java.util.Map.of(
                routes + "[0].id", "policy",
                routes + "[0].uri", "http://127.0.0.1:${floor.policy}",
                routes + "[0].predicates[0]", "Path=/api/policy/**",
                routes + "[1].id", "training",
                routes + "[1].uri", "http://127.0.0.1:${floor.training}",
                routes + "[1].predicates[0]", "Path=/api/training/**",
                routes + "[2].id", "audit",
                routes + "[2].uri", "http://127.0.0.1:${floor.audit}",
                routes + "[2].predicates[0]", "Path=/api/audit/**"));
        application.run(args);
    }
}
