package org.trustgov.policy;

import java.util.Set;
import org.trustgov.keycloak.Caller;

/** The people the service-level tests act as, as the token would make them. */
public final class Callers {

    public static final Caller AUTHOR = new Caller(
            "a", "jordan.author", "10000003", "Communications", Set.of("staff", "policy-author"), "demo-cli", false);
    public static final Caller GOVERNANCE = new Caller(
            "g",
            "morgan.governance",
            "10000004",
            "Clinical Governance",
            Set.of("staff", "governance"),
            "demo-cli",
            false);

    private Callers() {}
}
