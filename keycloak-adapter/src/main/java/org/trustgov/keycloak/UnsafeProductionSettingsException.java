package org.trustgov.keycloak;

import java.util.List;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Thrown by {@link ProductionSafety}: what must be set before the application may start with the prod profile. */
public class UnsafeProductionSettingsException extends IllegalStateException {

    private final List<String> refusals;

    public UnsafeProductionSettingsException(List<String> refusals) {
        super("Refusing to start with the '" + ProductionSafety.PROFILE + "' profile: " + String.join("; ", refusals));
        this.refusals = List.copyOf(refusals);
    }

    public List<String> refusals() {
        return refusals;
    }

    /** Prints the refusals as Spring Boot's start-up failure report, one line each, without a stack trace. */
    public static class Analyzer extends AbstractFailureAnalyzer<UnsafeProductionSettingsException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, UnsafeProductionSettingsException cause) {
            return new FailureAnalysis(
                    "Refusing to start with the '" + ProductionSafety.PROFILE + "' profile:\n  - "
                            + String.join("\n  - ", cause.refusals()),
                    "Set the variables named above (see docs/operations.md, the runbook), or run without the prod profile on a laptop.",
                    cause);
        }
    }
}
