package org.trustgov.keycloak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * The {@code prod} profile (set by the Kubernetes manifests and the compose file) makes an application refuse to
 * start with anything only a laptop should have, each refusal one line naming the variable to set: the embedded
 * MongoDB or no {@code MONGODB_URI}, a demo client secret, the local Keycloak address, plain SMTP to another host, a witness without the log's
 * key. It also refuses tokens of the {@code demo-cli} password-grant client and switches the console log to JSON
 * (ECS, with the request and trace ids as fields). Every platform application has this library, so every one checks.
 */
public class ProductionSafety implements EnvironmentPostProcessor, Ordered {

    public static final String PROFILE = "prod";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the configuration files and the environment are read
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        List<String> refusals = refusals(environment);
        if (!refusals.isEmpty()) {
            throw new UnsafeProductionSettingsException(refusals);
        }
        Map<String, Object> production = new LinkedHashMap<>();
        production.put(
                "trustgov.keycloak.refused-clients",
                environment.getProperty("trustgov.keycloak.refused-clients", "demo-cli"));
        production.put(
                "logging.structured.format.console",
                environment.getProperty("logging.structured.format.console", "ecs"));
        environment.getPropertySources().addFirst(new MapPropertySource("trustgov-production", production));
    }

    static List<String> refusals(ConfigurableEnvironment environment) {
        List<String> refusals = new ArrayList<>();
        if (environment.getProperty("trustgov.mongodb.embedded.enabled", Boolean.class, false)) {
            refusals.add(
                    "TRUSTGOV_MONGODB_EMBEDDED_ENABLED is true: the embedded MongoDB is for local runs and tests only; unset it and set MONGODB_URI");
        }
        String mongo = environment.getProperty("spring.mongodb.uri");
        if (mongo != null && mongo.isBlank()) { // the services declare it; the gateway has no database
            refusals.add(
                    "MONGODB_URI is not set: give the replica set's connection string (mongodb+srv://… or mongodb://host1,host2,host3/?replicaSet=…)");
        }
        String issuer = environment.getProperty("trustgov.keycloak.issuer-uri", "");
        if (issuer.isBlank() || issuer.startsWith("http://localhost")) {
            refusals.add("KEYCLOAK_ISSUER_URI is " + (issuer.isBlank() ? "not set" : "the local default " + issuer)
                    + ": set the realm's public issuer URL (https://…/realms/nhs-trust)");
        }
        demoSecret(environment, "trustgov.login.client-secret", "GATEWAY_CLIENT_SECRET", refusals);
        demoSecret(
                environment,
                "spring.security.oauth2.client.registration.service.client-secret",
                "SERVICE_CLIENT_SECRET",
                refusals);
        String witnessLogKey = environment.getProperty("trustgov.witness.log-verifier-key");
        if (witnessLogKey != null && witnessLogKey.isBlank()) { // only witness-service has this setting
            refusals.add("TRUSTGOV_WITNESS_LOG_KEY is not set: give the witness the audit log's verifier key "
                    + "(GET /api/audit/log/checkpoint/key), not a file it shares with audit-service");
        }
        String smtpHost = environment.getProperty("spring.mail.host");
        if (smtpHost != null && !List.of("localhost", "127.0.0.1", "::1").contains(smtpHost.strip())) {
            boolean tls = "true"
                            .equalsIgnoreCase(
                                    environment.getProperty("spring.mail.properties[mail.smtp.starttls.required]"))
                    || "true".equalsIgnoreCase(environment.getProperty("spring.mail.properties[mail.smtp.ssl.enable]"));
            if (!tls) { // only training-service sends mail
                refusals.add("SMTP_HOST " + smtpHost + " would be sent plain SMTP: set SMTP_STARTTLS=true (STARTTLS "
                        + "required) or SMTP_SSL=true with SMTP_PORT=465, and SMTP_USERNAME/SMTP_PASSWORD");
            }
        }
        return refusals;
    }

    /** The demo realm's secrets all end in "-secret" (gateway-secret, policy-service-secret, …). */
    private static void demoSecret(
            ConfigurableEnvironment environment, String property, String variable, List<String> refusals) {
        String secret = environment.getProperty(property);
        if (secret != null && (secret.isBlank() || secret.endsWith("-secret"))) {
            refusals.add(variable + " is " + (secret.isBlank() ? "empty" : "the demo realm's secret")
                    + ": set the client's secret from the trust's secret store");
        }
    }
}
