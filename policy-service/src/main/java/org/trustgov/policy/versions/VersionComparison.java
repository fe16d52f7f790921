package org.trustgov.policy.versions;

import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Clause-by-clause differences between two versions of a policy. */
public record VersionComparison(
        String policyCode,
        String from,
        String to,
        @Size(max = VersionContent.MAX_CLAUSES) List<Clause> added,
        @Size(max = VersionContent.MAX_CLAUSES) List<Clause> removed,
        @Size(max = VersionContent.MAX_CLAUSES) List<ChangedClause> changed,
        @Size(max = VersionContent.MAX_CLAUSES) List<String> unchanged) {

    /** A clause whose heading or text differs: both wordings. */
    public record ChangedClause(String number, Clause before, Clause after) {}

    public static VersionComparison between(PolicyVersion from, PolicyVersion to) {
        Map<String, Clause> before = index(from.getClauses());
        Map<String, Clause> after = index(to.getClauses());
        List<Clause> added = new ArrayList<>();
        List<Clause> removed = new ArrayList<>();
        List<ChangedClause> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        after.forEach((number, clause) -> {
            Clause old = before.get(number);
            if (old == null) {
                added.add(clause);
            } else if (old.equals(clause)) {
                unchanged.add(number);
            } else {
                changed.add(new ChangedClause(number, old, clause));
            }
        });
        before.forEach((number, clause) -> {
            if (!after.containsKey(number)) {
                removed.add(clause);
            }
        });
        return new VersionComparison(
                from.getPolicyCode(), from.getNumber(), to.getNumber(), added, removed, changed, unchanged);
    }

    private static Map<String, Clause> index(List<Clause> clauses) {
        return clauses.stream()
                .collect(Collectors.toMap(
                        Clause::number, Function.identity(), (a, b) -> a, () -> new TreeMap<>(Clause.NUMBER_ORDER)));
    }
}
