package org.trustgov.audit.retention;

import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The retention schedule in force ({@code trustgov.retention.rules.<class>.*}): a default rule for every class of
 * record the platform keeps, taken from the retention schedule of the NHS Records Management Code of Practice
 * (Appendix II), and the trust's overrides. A trust may lengthen a period, change the event it starts from within
 * the class's events, make a class {@code REVIEW} instead of {@code DESTROY}, or make its disposal automatic; it may
 * not name a class the platform does not keep, leave a period out, or set one shorter than the Code's minimum. Any of
 * those stops the service at start with one line naming the class and the reason.
 *
 * @param rules the trust's overrides by class
 */
@ConfigurationProperties("trustgov.retention")
public record RetentionSchedule(Map<String, Override> rules) {

    /**
     * One class's override: any field left out keeps the default.
     *
     * @param period    {@code P12Y}, {@code P18M}…
     * @param startsAt  one of the class's events
     * @param action    {@code DESTROY} or {@code REVIEW}
     * @param automatic dispose without review and approval
     */
    public record Override(Period period, String startsAt, RetentionRule.Action action, Boolean automatic) {}

    private static final String CODE = "NHS Records Management Code of Practice 2021 (2023 update), Appendix II";

    /** A class the platform keeps: its default rule and the events its period may start from. */
    private record RecordClass(RetentionRule defaults, List<String> events) {}

    private static final Map<String, RecordClass> CLASSES = classes();

    private static Map<String, RecordClass> classes() {
        Map<String, RecordClass> classes = new LinkedHashMap<>();
        add(
                classes,
                "conduct-case",
                "An incident (a social media conduct breach) and its investigation, outcome and appeal, in "
                        + "audit-service, with the training snapshot taken when it was reported",
                Period.ofYears(10),
                "case-closed",
                RetentionRule.Action.REVIEW,
                Period.ofYears(10),
                CODE + ", Corporate records: Incidents (not serious): 10 years; a serious incident is kept 20 "
                        + "years (set trustgov.retention.rules.conduct-case.period to P20Y where the trust treats "
                        + "conduct breaches as serious incidents)",
                List.of("case-closed", "outcome-expired"));
        add(
                classes,
                "training-record",
                "One person's statutory and mandatory training record: attempts, completions, certificates and "
                        + "policy acknowledgements, in training-service and policy-service",
                Period.ofYears(10),
                "completion-recorded",
                RetentionRule.Action.DESTROY,
                Period.ofYears(10),
                CODE + ", Staff records and occupational health: Statutory and mandatory training records: 10 "
                        + "years after training completed",
                List.of("completion-recorded", "staff-member-left"));
        add(
                classes,
                "staff-record",
                "A leaver's roster record (name, e-mail, department, line manager) pushed by HR, in training-service",
                Period.ofYears(6),
                "staff-member-left",
                RetentionRule.Action.REVIEW,
                Period.ofYears(6),
                CODE + ", Staff records and occupational health: Staff record: 6 years after the staff member "
                        + "leaves, or the 75th birthday, whichever is sooner, a summary kept to the 75th birthday",
                List.of("staff-member-left"));
        add(
                classes,
                "policy-version",
                "A policy version, its clauses and its approval, in policy-service",
                Period.ofYears(6),
                "organisation-closed",
                RetentionRule.Action.REVIEW,
                Period.ofYears(6),
                CODE + ", Corporate records: Policies, strategies and operating procedures: life of the "
                        + "organisation plus 6 years",
                List.of("organisation-closed"));
        add(
                classes,
                "consultation-comment",
                "A comment made in a policy version's consultation, in policy-service",
                Period.ofYears(6),
                "version-published",
                RetentionRule.Action.REVIEW,
                null,
                CODE + " names no entry of its own; kept as the working papers of the policy it shaped",
                List.of("version-published", "version-superseded"));
        add(
                classes,
                "audit-trail",
                "The audit log's entries that belong to no other record (policy authoring, roster uploads, "
                        + "exports), one record a calendar year",
                Period.ofYears(6),
                "year-ended",
                RetentionRule.Action.REVIEW,
                null,
                CODE + ", Section 3.6 (audit trails): kept as long as the records they are about; the other "
                        + "classes' entries go with their record",
                List.of("year-ended"));
        return classes;
    }

    private static void add(
            Map<String, RecordClass> classes,
            String name,
            String description,
            Period period,
            String startsAt,
            RetentionRule.Action action,
            Period codeMinimum,
            String source,
            List<String> events) {
        classes.put(
                name,
                new RecordClass(
                        new RetentionRule(name, description, period, startsAt, action, false, codeMinimum, source),
                        events));
    }

    public RetentionSchedule {
        rules = rules == null ? Map.of() : Map.copyOf(rules);
        for (Map.Entry<String, Override> rule : rules.entrySet()) {
            check(rule.getKey(), rule.getValue());
        }
    }

    private static void check(String name, Override rule) {
        String setting = "trustgov.retention.rules." + name;
        RecordClass known = CLASSES.get(name);
        if (known == null) {
            throw new IllegalArgumentException(setting + ": the platform keeps no record class '" + name
                    + "' (it keeps " + String.join(", ", CLASSES.keySet()) + ")");
        }
        if (rule == null
                || rule.period() == null
                        && rule.startsAt() == null
                        && rule.action() == null
                        && rule.automatic() == null) {
            throw new IllegalArgumentException(setting + " overrides nothing: give a period, starts-at, action "
                    + "or automatic, or leave the class out");
        }
        Period period = rule.period() == null ? known.defaults().period() : rule.period();
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException(
                    setting + ".period must be a positive period such as P10Y, not " + period);
        }
        Period minimum = known.defaults().codeMinimum();
        if (minimum != null && days(period) < days(minimum)) {
            throw new IllegalArgumentException(setting + ".period " + period + " is shorter than " + minimum
                    + ", the least the NHS Records Management Code of Practice allows for this class");
        }
        if (rule.startsAt() != null && !known.events().contains(rule.startsAt())) {
            throw new IllegalArgumentException(
                    setting + ".starts-at must be one of " + known.events() + ", not '" + rule.startsAt() + "'");
        }
    }

    /** A period's length in days as the Code counts it (a year of 365.25 days, a month of 30.44). */
    private static double days(Period p) {
        return p.getYears() * 365.25 + p.getMonths() * 30.44 + p.getDays();
    }

    /** The rules in force, one a class, in the platform's order. */
    public List<RetentionRule> inForce() {
        List<RetentionRule> inForce = new ArrayList<>();
        CLASSES.forEach((name, known) -> inForce.add(ruleFor(name)));
        return inForce;
    }

    /** The rule in force for {@code recordClass}. */
    public RetentionRule ruleFor(String recordClass) {
        RecordClass known = CLASSES.get(recordClass);
        if (known == null) {
            throw new IllegalArgumentException("unknown record class " + recordClass);
        }
        RetentionRule d = known.defaults();
        Override o = rules.get(recordClass);
        if (o == null) {
            return d;
        }
        return new RetentionRule(
                d.recordClass(),
                d.description(),
                o.period() != null ? o.period() : d.period(),
                o.startsAt() != null ? o.startsAt() : d.startsAt(),
                o.action() != null ? o.action() : d.action(),
                o.automatic() != null ? o.automatic() : d.automatic(),
                d.codeMinimum(),
                "trustgov.retention.rules." + recordClass + " (overriding: " + d.source() + ")");
    }

    /** Whether the platform keeps records of this class. */
    public static boolean isRecordClass(String name) {
        return CLASSES.containsKey(name);
    }
}
