package org.trustgov.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole platform, started once per test run with the README's own command ({@code deploy/local/start.sh}) on
 * ports and folders of its own, so it neither clashes with a platform a developer is running nor reuses its data,
 * and stopped with {@code deploy/local/stop.sh} when the run ends. It runs replicated ({@code --replicas 2}): two
 * instances of every application behind HAProxy, the gateways' sessions and rate limits in Redis, so every test goes
 * through a load balancer that may send each of its requests to either instance.
 */
final class Platform implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final int KEYCLOAK_PORT = 18180;
    static final int GATEWAY_PORT = 18080;
    static final int POLICY_PORT = 18081;
    static final int TRAINING_PORT = 18082;
    static final int AUDIT_PORT = 18083;
    static final int WITNESS_PORT = 18084;
    /** The local mail server's web API (GreenMail), where every reminder of the run can be read. */
    static final int MAIL_WEB_PORT = 18025;

    static final int REPLICAS = 2;
    /** Instance k of an application listens on its public port + 1000 × k; the public port is HAProxy's. */
    static int instancePort(int publicPort, int instance) {
        return publicPort + 1000 * instance;
    }

    static final String KEYCLOAK = "http://localhost:" + KEYCLOAK_PORT;
    static final String REALM = KEYCLOAK + "/realms/nhs-trust";
    static final String GATEWAY = "http://localhost:" + GATEWAY_PORT;

    private boolean reused;
    private final Path root =
            Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();
    private final Path run = Path.of(System.getProperty("platform.run", "target/e2e"))
            .toAbsolutePath()
            .normalize();

    /** The data folder of this run: the services' embedded stores and keys, and Keycloak's database. */
    static Path data() {
        return Path.of(System.getProperty("platform.run", "target/e2e"))
                .toAbsolutePath()
                .normalize()
                .resolve("data");
    }

    /** Where the applications of this run write their logs. */
    static Path logs() {
        return Path.of(System.getProperty("platform.run", "target/e2e"))
                .toAbsolutePath()
                .normalize()
                .resolve("logs");
    }

    static Platform start(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(Platform.class, k -> new Platform().up(), Platform.class);
    }

    private Platform up() {
        if (Boolean.getBoolean("platform.running")) {
            // While working on one test: a platform already started with the ports and settings of script() below,
            // left running afterwards (-Dplatform.running=true -Dit.test=…). CI always starts its own.
            reused = true;
            return this;
        }
        try {
            // A fresh data folder each run: the realm is imported anew and the databases start empty.
            deleteTree(run.resolve("data"));
            Files.createDirectories(run);
            int exit = script("start.sh", run.resolve("start.log"), 15, "--replicas", String.valueOf(REPLICAS));
            if (exit != 0) {
                throw new IllegalStateException("deploy/local/start.sh exited " + exit + "; its output:\n"
                        + Files.readString(run.resolve("start.log")));
            }
            return this;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Could not start the platform", e);
        }
    }

    /** Kills one component of the running platform outright (SIGKILL, as a crashed instance), e.g. {@code policy-service-2}. */
    static void kill(String component) throws IOException, InterruptedException {
        Path pidFile = Path.of(System.getProperty("platform.run", "target/e2e"))
                .toAbsolutePath()
                .normalize()
                .resolve("data/run/" + component + ".pid");
        String pid = Files.readString(pidFile).strip();
        Process kill =
                new ProcessBuilder("kill", "-9", pid).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("could not kill " + component + " (pid " + pid + ")");
        }
    }

    /** Starts again what is not running, as {@code start.sh} does (it starts only what is missing), and waits until all is ready. */
    static void startMissing() throws IOException, InterruptedException {
        Platform platform = new Platform();
        int exit = platform.script(
                "start.sh", platform.run.resolve("restart.log"), 10, "--replicas", String.valueOf(REPLICAS));
        if (exit != 0) {
            throw new IllegalStateException("deploy/local/start.sh exited " + exit + " restarting; its output:\n"
                    + Files.readString(platform.run.resolve("restart.log")));
        }
    }

    @Override
    public void close() throws Exception {
        if (reused) {
            return;
        }
        script("stop.sh", run.resolve("stop.log"), 4);
    }

    private int script(String name, Path log, int minutes, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("bash", root.resolve("deploy/local/" + name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("TRUSTGOV_DATA_DIR", run.resolve("data").toString());
        env.put("TRUSTGOV_LOG_DIR", run.resolve("logs").toString());
        env.put("KEYCLOAK_PORT", String.valueOf(KEYCLOAK_PORT));
        env.put("KEYCLOAK_MANAGEMENT_PORT", "19100");
        env.put("GATEWAY_PORT", String.valueOf(GATEWAY_PORT));
        env.put("POLICY_PORT", String.valueOf(POLICY_PORT));
        env.put("TRAINING_PORT", String.valueOf(TRAINING_PORT));
        env.put("AUDIT_PORT", String.valueOf(AUDIT_PORT));
        env.put("WITNESS_PORT", String.valueOf(WITNESS_PORT));
        env.put("MAIL_SMTP_PORT", "13025");
        env.put("MAIL_IMAP_PORT", "13143");
        env.put("MAIL_WEB_PORT", String.valueOf(MAIL_WEB_PORT));
        // Reminders only when a test runs them (RemindersIT): the day's one message per person is then its own.
        env.put("TRUSTGOV_REMINDERS_ENABLED", "false");
        // RecordsDisposalIT lists as of eleven years on (a test platform only: the prod profile refuses this), and
        // scans the data folder soon after disposal, so the stores compact two seconds after erasure, not ten.
        env.put("TRUSTGOV_RETENTION_REHEARSAL", "true");
        env.put("TRUSTGOV_MONGODB_COMPACTAFTERERASURE", "PT2S");
        env.put("REDIS_PORT", "16379");
        // Every request traced, the gateway's proxied calls carrying the trace, one log line per request with its
        // request and trace ids (TracingIT reads them).
        env.put("TRUSTGOV_TRACING_ENABLED", "true");
        env.put("TRUSTGOV_TRACING_SAMPLING", "1.0");
        env.put("LOGGING_LEVEL_ORG_TRUSTGOV_STARTER_REQUESTID", "DEBUG");
        env.put("LOGGING_LEVEL_ORG_TRUSTGOV_GATEWAY_ACCESS", "INFO");
        // Expiry is checked without the default 30 s of clock skew, so the expired-token test waits seconds.
        env.put("TRUSTGOV_KEYCLOAK_CLOCKSKEW", "1s");
        // Options for every JVM the script starts (Keycloak's too), from the build: the test run compiles with C1
        // only, and ten JVMs starting on two cores are ready in about half the time; the benchmarks profile passes
        // none.
        String javaOptions = System.getProperty("platform.java-options", "");
        if (!javaOptions.isBlank()) {
            env.put("JDK_JAVA_OPTIONS", javaOptions);
        }
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish within " + minutes + " minutes; see " + log);
        }
        return process.exitValue();
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var files = Files.walk(path)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .map(Path::toFile)
                    .forEach(File::delete);
        }
    }
}
