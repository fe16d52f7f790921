package org.trustgov.training.compliance;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.aggregation.AggregationExpression;
import org.springframework.data.mongodb.core.query.Criteria;
import org.trustgov.training.roster.RefresherDue;
import org.trustgov.training.roster.Standing;

/**
 * Where a person stands on one module: the one definition, as an ordered list of cases (the first that holds
 * decides), from which the per-person answer, the MongoDB aggregation expression of the reports and the query of
 * the overdue list are all derived, so they cannot disagree:
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
 *
 * <p>The readings take the module's code: the standing is at {@code standings.<code>} and the refresher at
 * {@code refreshers.<code>} of a roster record.
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

    /** Where a module's facts are on a roster record. */
    private record Paths(String standing, String refresher) {
        static Paths of(String moduleCode) {
            return new Paths("standings." + moduleCode, "refreshers." + moduleCode);
        }
    }

    /** A condition of a case, in its three readings: on the facts, as an aggregation expression, as a query. */
    private interface Condition {
        boolean holds(Facts facts, Context context);

        Object expression(Paths at, Context context);

        Criteria criteria(Paths at, Context context);
    }

    private static final Condition NO_COMPLETION = new Condition() {
        public boolean holds(Facts f, Context c) {
            return f.expiresAt() == null;
        }

        public Object expression(Paths at, Context c) {
            return new Document(
                    "$eq",
                    Arrays.asList(
                            new Document("$ifNull", Arrays.asList("$" + at.standing() + ".expiresAt", null)), null));
        }

        public Criteria criteria(Paths at, Context c) {
            return Criteria.where(at.standing() + ".expiresAt").is(null); // missing or null
        }
    };

    private static final Condition TAUGHT_OLDER_MAJOR = new Condition() {
        public boolean holds(Facts f, Context c) {
            return c.currentMajor() != null && (f.taughtMajor() == null || f.taughtMajor() < c.currentMajor());
        }

        public Object expression(Paths at, Context c) {
            String s = at.standing();
            return c.currentMajor() == null
                    ? false
                    : new Document(
                            "$lt",
                            List.of(
                                    new Document("$ifNull", List.of("$" + s + ".policyMajor", Integer.MIN_VALUE)),
                                    c.currentMajor()));
        }

        public Criteria criteria(Paths at, Context c) {
            String s = at.standing();
            return c.currentMajor() == null
                    ? Criteria.where("_id").exists(false)
                    : new Criteria()
                            .orOperator(
                                    Criteria.where(s + ".policyMajor").exists(false),
                                    Criteria.where(s + ".policyMajor").is(null),
                                    Criteria.where(s + ".policyMajor").lt(c.currentMajor()));
        }
    };

    private static final Condition EXPIRES_BY_NOW = expiresBy(false);
    private static final Condition EXPIRES_BY_DUE_SOON_EDGE = expiresBy(true);

    private static Condition expiresBy(boolean dueSoonEdge) {
        return new Condition() {
            public boolean holds(Facts f, Context c) {
                return f.expiresAt() != null && !f.expiresAt().isAfter(edge(c));
            }

            public Object expression(Paths at, Context c) {
                return new Document("$lte", List.of("$" + at.standing() + ".expiresAt", Date.from(edge(c))));
            }

            public Criteria criteria(Paths at, Context c) {
                return Criteria.where(at.standing() + ".expiresAt").lte(edge(c));
            }

            private Instant edge(Context c) {
                return dueSoonEdge ? c.dueSoonEdge() : c.now();
            }
        };
    }

    private static final Condition REFRESHER_DUE_BY_NOW = refresherDueBy(false);
    private static final Condition REFRESHER_DUE_BY_DUE_SOON_EDGE = refresherDueBy(true);

    /**
     * An outstanding targeted refresher falls due by now (or by the due-soon edge): it has a due date at or before
     * the edge, and the completion (if any) is older than the assignment.
     */
    private static Condition refresherDueBy(boolean dueSoonEdge) {
        return new Condition() {
            public boolean holds(Facts f, Context c) {
                RefresherDue r = f.refresher();
                return r != null && !r.dueAt().isAfter(edge(c)) && r.outstanding(f.completedAt());
            }

            public Object expression(Paths at, Context c) {
                String due = "$" + at.refresher() + ".dueAt";
                // most records carry no refresher: that is settled first, and the rest only read for those that do
                return new Document(
                        "$cond",
                        Arrays.asList(
                                new Document(
                                        "$eq", Arrays.asList(new Document("$ifNull", Arrays.asList(due, null)), null)),
                                false,
                                new Document(
                                        "$and",
                                        List.of(
                                                new Document("$lte", List.of(due, Date.from(edge(c)))),
                                                outstanding(at)))));
            }

            public Criteria criteria(Paths at, Context c) {
                return new Criteria()
                        .andOperator(
                                Criteria.where(at.refresher() + ".dueAt").lte(edge(c)),
                                Criteria.expr(() -> outstanding(at)));
            }

            /** No completion, or one completed before the refresher was assigned (BSON: null sorts first). */
            private Document outstanding(Paths at) {
                return new Document(
                        "$lt",
                        Arrays.asList(
                                new Document("$ifNull", Arrays.asList("$" + at.standing() + ".completedAt", null)),
                                "$" + at.refresher() + ".assignedAt"));
            }

            private Instant edge(Context c) {
                return dueSoonEdge ? c.dueSoonEdge() : c.now();
            }
        };
    }

    private static Condition anyOf(Condition... conditions) {
        return new Condition() {
            public boolean holds(Facts f, Context c) {
                return Arrays.stream(conditions).anyMatch(x -> x.holds(f, c));
            }

            public Object expression(Paths at, Context c) {
                return new Document(
                        "$or",
                        Arrays.stream(conditions).map(x -> x.expression(at, c)).toList());
            }

            public Criteria criteria(Paths at, Context c) {
                return new Criteria()
                        .orOperator(Arrays.stream(conditions)
                                .map(x -> x.criteria(at, c))
                                .toList());
            }
        };
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

    /** The status as a MongoDB expression over a roster record's standing and refresher on module {@code moduleCode}. */
    public static AggregationExpression expression(String moduleCode, Context context) {
        Paths standing = Paths.of(moduleCode);
        return aggregation -> {
            Object result = OTHERWISE.name();
            for (int i = CASES.size() - 1; i >= 0; i--) {
                result = new Document(
                        "$cond",
                        Arrays.asList(
                                CASES.get(i).condition().expression(standing, context),
                                CASES.get(i).status().name(),
                                result));
            }
            return (Document) result;
        };
    }

    /**
     * A query for the records whose status is one of {@code statuses}: the condition of each such case, with the
     * conditions of the cases before it not holding (first match decides).
     */
    public static Criteria whereStatusIn(Set<ComplianceStatus> statuses, String moduleCode, Context context) {
        Paths standing = Paths.of(moduleCode);
        List<Criteria> any = new ArrayList<>();
        List<Criteria> earlier = new ArrayList<>();
        for (Case c : CASES) {
            if (statuses.contains(c.status())) {
                any.add(
                        earlier.isEmpty()
                                ? c.condition().criteria(standing, context)
                                : new Criteria()
                                        .andOperator(
                                                c.condition().criteria(standing, context),
                                                new Criteria().norOperator(earlier)));
            }
            earlier.add(c.condition().criteria(standing, context));
        }
        if (statuses.contains(OTHERWISE)) {
            any.add(new Criteria().norOperator(earlier));
        }
        return any.isEmpty() ? Criteria.where("_id").exists(false) : new Criteria().orOperator(any);
    }

    /** {@code 2} for {@code "2.1"}. */
    public static int majorOf(String policyVersion) {
        return Integer.parseInt(policyVersion.substring(0, policyVersion.indexOf('.')));
    }
}
