package org.trustgov.audit.incidents;

import org.springframework.context.ApplicationContext;

/** For tests outside this package: clears the clauses {@link ClauseChecks} remembers. */
public final class RememberedClauses {

    private RememberedClauses() {}

    public static void forget(ApplicationContext context) {
        context.getBean(ClauseChecks.class).forgetRemembered();
    }
}
