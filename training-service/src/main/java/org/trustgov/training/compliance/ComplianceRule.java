package org.trustgov.training.compliance;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.trustgov.training.roster.RefresherDue;
import org.trustgov.training.roster.Standing;

/**
 * Where a person stands on one module: the one definition, as an ordered list of cases (the first that holds
 * decides), applied in Java to each person, for the person's page and for every report alike (the reports read the
 * assigned people's standings from a cursor and apply it to each), so no two readings of it can disagree:
 * <ol>
 * <li>{@code NOT_STARTED}: no completion;</li>
 * <li>{@code EXPIRED}: the completion was taught against an older major version of the policy than the one in force
 *     (when that is known), or its expiry has passed (at the expiry instant it is expired), or a targeted refresher
 *     assigned after it fell due and is still outstanding;</li>
 * <li>{@code DUE_SOON}: it expires within the due-soon window (the edge included), or an outstanding targeted
 *     refresher falls due within it;</li>
 * <li>otherwise {@code COMPLIANT}.</li>
 * </ol>
 *
 * <p>A targeted refresher ({@link RefresherDue}) brings a completion's end forward: a completion earned before the
 * refresher was assigned no longer counts once the refresher's due date has passed, exactly as if it had expired
 * then; one earned on or after the assignment satisfies it.
 */
public final class ComplianceRule {

    /**
     * The facts of one standing: its expiry, the policy major version it was taught against and when it was
     * completed, and the outstanding targeted refresher on the module (any may be null).
     */
    public record Facts(Instant expiresAt, Integer taughtMajor, Instant completedAt, RefresherDue refresher) {
        public Facts(Instant expiresAt, Integer taughtMajor) {
            this(expiresAt, taughtMajor, null, null);
        }

        /** The facts of a roster record's standing and refresher on one module (either may be null). */
        public static Facts of(Standing standing, RefresherDue refresher) {
            return standing == null
                    ? new Facts(null, null, null, refresher)
                    : new Facts(standing.expiresAt(), standing.policyMajor(), standing.completedAt(), refresher);
        }
    }

    /** What a standing is judged against: now, the policy major version in force ({@code null}: not known), the window. */
    public record Context(Instant now, Integer currentMajor, Period dueSoon) {
        Instant dueSoonEdge() {
            return now.atOffset(ZoneOffset.UTC).plus(dueSoon).toInstant();
        }
    }

    /** A condition of a case, on the facts. */
    private interface Condition {
        boolean holds(Facts facts, Context context);
    }

    private static final Condition NO_COMPLETION = (f, c) -> f.expiresAt() == null;

    private static final Condition TAUGHT_OLDER_MAJOR =
            (f, c) -> c.currentMajor() != null && (f.taughtMajor() == null || f.taughtMajor() < c.currentMajor());

    private static final Condition EXPIRES_BY_NOW = expiresBy(false);
    private static final Condition EXPIRES_BY_DUE_SOON_EDGE = expiresBy(true);

    private static Condition expiresBy(boolean dueSoonEdge) {
        return (f, c) -> f.expiresAt() != null && !f.expiresAt().isAfter(dueSoonEdge ? c.dueSoonEdge() : c.now());
    }

    private static final Condition REFRESHER_DUE_BY_NOW = refresherDueBy(false);
    private static final Condition REFRESHER_DUE_BY_DUE_SOON_EDGE = refresherDueBy(true);

    /**
     * An outstanding targeted refresher falls due by now (or by the due-soon edge): it has a due date at or before
     * the edge, and the completion (if any) is older than the assignment.
     */
    private static Condition refresherDueBy(boolean dueSoonEdge) {
        return (f, c) -> {
            RefresherDue r = f.refresher();
            return r != null
                    && !r.dueAt().isAfter(dueSoonEdge ? c.dueSoonEdge() : c.now())
                    && r.outstanding(f.completedAt());
        };
    }

    private static Condition anyOf(Condition... conditions) {
        return (f, c) -> Arrays.stream(conditions).anyMatch(x -> x.holds(f, c));
    }

    private record Case(ComplianceStatus status, Condition condition) {}

    /** The rule: the first case that holds decides; none holds: {@link ComplianceStatus#COMPLIANT}. */
    private static final List<Case> CASES = List.of(
            new Case(ComplianceStatus.NOT_STARTED, NO_COMPLETION),
            new Case(ComplianceStatus.EXPIRED, anyOf(TAUGHT_OLDER_MAJOR, EXPIRES_BY_NOW, REFRESHER_DUE_BY_NOW)),
            new Case(ComplianceStatus.DUE_SOON, anyOf(EXPIRES_BY_DUE_SOON_EDGE, REFRESHER_DUE_BY_DUE_SOON_EDGE)));

    private static final ComplianceStatus OTHERWISE = ComplianceStatus.COMPLIANT;

    private ComplianceRule() {}

    /** One person's status. */
    public static ComplianceStatus of(Facts facts, Context context) {
        for (Case c : CASES) {
            if (c.condition().holds(facts, context)) {
                return c.status();
            }
        }
        return OTHERWISE;
    }

    /** {@code 2} for {@code "2.1"}. */
    public static int majorOf(String policyVersion) {
        return Integer.parseInt(policyVersion.substring(0, policyVersion.indexOf('.')));
    }
}
