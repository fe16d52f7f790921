package org.trustgov.audit.incidents;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When incidents make a pattern governance should act on ({@code trustgov.signals.*}): {@code incidents} (3) or more
 * incidents citing the same clause of a policy, about staff of one department, that occurred within {@code within}
 * (90 days) up to now. An incident closed as unfounded (no case to answer) does not count; an open one does, as a
 * pattern of reports is worth acting on before every case is decided. One incident counts once for each clause it
 * cites, however many versions of the policy it names the clause in.
 *
 * @param incidents    how many make a cluster (at least 2)
 * @param within       the window the incidents occurred in, ending now ({@code P90D})
 * @param smallNumbers below how many a count is too small to show as a rate ({@code 5}): a targeted refresher's
 *                     group smaller than this shows no completion figures (no one is identifiable), and fewer
 *                     incidents than this before it show no percentage change
 */
@ConfigurationProperties("trustgov.signals")
public record ClusterRule(
        @DefaultValue("3") int incidents,
        @DefaultValue("P90D") Period within,
        @DefaultValue("5") int smallNumbers) {

    public ClusterRule {
        if (smallNumbers < 1 || smallNumbers > 100) {
            throw new IllegalStateException(
                    "trustgov.signals.small-numbers is " + smallNumbers + ": it must be from 1 to 100");
        }
        if (incidents < 2) {
            throw new IllegalStateException(
                    "trustgov.signals.incidents is " + incidents + ": a cluster is at least 2 incidents");
        }
        if (within == null || within.isZero() || within.isNegative() || within.toTotalMonths() > 24) {
            throw new IllegalStateException(
                    "trustgov.signals.within is " + within + ": it must be a positive period of at most two years");
        }
    }

    /** One clause one incident cites, as the rule sees it: no person, only where and when. */
    public record Cited(
            String reference,
            String department,
            String policyCode,
            String clauseNumber,
            Instant occurredAt,
            boolean unfounded) {}

    /** A cluster: the clause, the department, how many incidents, and when the first and the last occurred. */
    @Schema(description = "Incidents citing the same clause, in one department, within the rule's window")
    public record Signal(
            String policyCode,
            String clauseNumber,
            String department,
            int incidents,
            Instant firstOccurred,
            Instant lastOccurred) {}

    /** Whether an incident counts: it is not closed as unfounded (no case to answer). */
    static boolean counts(Incident incident) {
        return !(incident.getStatus() == Incident.Status.CLOSED
                && incident.getOutcome() != null
                && incident.getOutcome().type() == IncidentTypes.OutcomeType.NO_CASE_TO_ANSWER);
    }

    /** The clusters among {@code cited} as of {@code now}, the largest first. */
    public List<Signal> signals(Collection<Cited> cited, Instant now) {
        Instant since = now.atZone(ZoneOffset.UTC).minus(within).toInstant();
        Map<List<String>, Set<String>> references = new LinkedHashMap<>();
        Map<List<String>, Instant[]> spans = new LinkedHashMap<>();
        for (Cited c : cited) {
            if (c.unfounded()
                    || c.department() == null
                    || c.occurredAt() == null
                    || c.occurredAt().isBefore(since)
                    || c.occurredAt().isAfter(now)) {
                continue;
            }
            List<String> key = List.of(c.policyCode(), c.clauseNumber(), c.department());
            if (references.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(c.reference())) {
                Instant[] span = spans.computeIfAbsent(key, k -> new Instant[] {c.occurredAt(), c.occurredAt()});
                span[0] = c.occurredAt().isBefore(span[0]) ? c.occurredAt() : span[0];
                span[1] = c.occurredAt().isAfter(span[1]) ? c.occurredAt() : span[1];
            }
        }
        List<Signal> signals = new ArrayList<>();
        references.forEach((key, refs) -> {
            if (refs.size() >= incidents) {
                Instant[] span = spans.get(key);
                signals.add(new Signal(key.get(0), key.get(1), key.get(2), refs.size(), span[0], span[1]));
            }
        });
        signals.sort(Comparator.comparingInt(Signal::incidents)
                .reversed()
                .thenComparing(Signal::lastOccurred, Comparator.reverseOrder()));
        return signals;
    }
}
