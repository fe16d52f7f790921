package org.trustgov.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The auditor's offline verifier, run as they run it: {@code java Verify.java …} in source-file mode, in its own JDK. */
final class OfflineVerifier {

    private static final Path SOURCE =
            Path.of("../transparency/src/main/java/org/trustgov/transparency/verifier/Verify.java");

    private OfflineVerifier() {}

    /** The verifier's one line of output, for {@code command} on {@code file} (written to a temporary file) and the keys. */
    static String run(String command, String file, String keys) {
        try {
            Path export = Files.createTempFile("export", ".json");
            Files.writeString(export, file, StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    SOURCE.toAbsolutePath().normalize().toString(),
                    command,
                    export.toString(),
                    keys));
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the verifier did not finish in 60 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            Files.delete(export);
            return output;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
