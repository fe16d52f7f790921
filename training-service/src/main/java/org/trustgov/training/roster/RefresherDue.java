package org.trustgov.training.roster;

import java.time.Instant;

/**
 * A targeted refresher on one module, kept on a person's roster record under {@code refreshers.<moduleCode>} (as
 * their completions are under {@code standings}): the assignment it comes from, when it was assigned and when it
 * falls due. A completion earned on or after {@code assignedAt} satisfies it; the compliance rule reads it.
 */
public record RefresherDue(String refresherId, Instant assignedAt, Instant dueAt) {

    /** Whether it is still to be done by someone whose latest completion was at {@code completedAt} (null: none). */
    public boolean outstanding(Instant completedAt) {
        return completedAt == null || completedAt.isBefore(assignedAt);
    }

    /** When it falls due if it is outstanding for {@code latest}, else {@code null}. */
    public static Instant dueFor(RefresherDue due, Standing latest) {
        return due != null && due.outstanding(latest == null ? null : latest.completedAt()) ? due.dueAt() : null;
    }
}
