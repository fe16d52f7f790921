package org.trustgov.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the deployment files are checked against: the repository's own applications and their settings. */
final class Platform {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final List<String> APPLICATIONS =
            List.of("gateway-service", "policy-service", "training-service", "audit-service", "witness-service");
    /** Spring Boot's own settings the deployments set (relaxed-binding forms of spring.profiles.active, server.port, …). */
    private static final Set<String> SPRING_BOOT = Set.of(
            "SPRING_PROFILES_ACTIVE",
            "SERVER_PORT",
            "MANAGEMENT_SERVER_PORT",
            "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
            "JAVA_TOOL_OPTIONS");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    private Platform() {}

    /**
     * True when the application reads this environment variable: a {@code ${NAME}} placeholder in its
     * application.yml (or, for a service, in the starter's shared defaults), or one of Spring Boot's own settings.
     */
    static boolean reads(String application, String variable) {
        if (SPRING_BOOT.contains(variable)) {
            return true;
        }
        StringBuilder settings =
                new StringBuilder(read(ROOT.resolve(application + "/src/main/resources/application.yml")));
        if (!"gateway-service".equals(application)) {
            settings.append(
                    read(ROOT.resolve("service-starter/src/main/resources/trustgov-service-defaults.properties")));
        }
        Matcher placeholders = PLACEHOLDER.matcher(settings);
        while (placeholders.find()) {
            if (placeholders.group(1).equals(variable)) {
                return true;
            }
        }
        return false;
    }

    /** Variables that carry a secret or a credential-bearing address: never a literal value in a committed file. */
    static boolean secret(String variable) {
        return variable.contains("SECRET")
                || variable.contains("PASSWORD")
                || variable.equals("MONGODB_URI")
                || variable.equals("REDIS_URL")
                || variable.endsWith("_KEY")
                || variable.equals("KC_DB_URL")
                || variable.equals("KC_DB_USERNAME")
                || variable.equals("KC_BOOTSTRAP_ADMIN_USERNAME");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
