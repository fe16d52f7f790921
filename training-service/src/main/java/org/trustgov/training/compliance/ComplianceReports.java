package org.trustgov.training.compliance;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import org.trustgov.training.TrainingSettings;
import org.trustgov.training.modules.ModuleService;
import org.trustgov.training.modules.TrainingModule;
import org.trustgov.training.roster.RefresherDue;
import org.trustgov.training.roster.RosterQueries;
import org.trustgov.training.roster.StaffMember;
import org.trustgov.training.roster.Standing;

/**
 * Compliance of active staff (leavers excluded) with each published module, per department and trust-wide: for each
 * module, the store selects the people assigned it (a plain query) and hands their standing and refresher on it, a
 * batch at a time from one cursor; the rule ({@link ComplianceRule}) is applied to each here, counted by department
 * and status, and the overdue are listed (capped). Only counts and the capped list are kept, never the roster.
 * (Before, the store applied the rule as an aggregation expression and then again as the overdue query: the embedded
 * store interprets such expressions slowly, and the trust report took 0.9-2.1 s at 20,000 staff.)
 */
@Service
public class ComplianceReports {

    /** Who is listed as overdue. */
    static final Set<ComplianceStatus> OVERDUE = Set.of(ComplianceStatus.EXPIRED, ComplianceStatus.NOT_STARTED);

    /** How many of the people assigned a module stand where. */
    public record Tally(long assigned, Map<ComplianceStatus, Long> counts, Map<ComplianceStatus, Double> percentages) {

        static Tally of(Map<ComplianceStatus, Long> counts) {
            long assigned = counts.values().stream().mapToLong(Long::longValue).sum();
            Map<ComplianceStatus, Long> all = new EnumMap<>(ComplianceStatus.class);
            Map<ComplianceStatus, Double> percentages = new EnumMap<>(ComplianceStatus.class);
            for (ComplianceStatus status : ComplianceStatus.values()) {
                long n = counts.getOrDefault(status, 0L);
                all.put(status, n);
                percentages.put(status, assigned == 0 ? 0.0 : Math.round(n * 1000.0 / assigned) / 10.0);
            }
            return new Tally(assigned, all, percentages);
        }
    }

    public record DepartmentTally(String department, Tally tally) {}

    /** One published module: the policy version in force it is measured against, the totals and each department. */
    public record ModuleCompliance(
            String moduleCode,
            int moduleVersion,
            String title,
            String policyCode,
            String policyVersionInForce,
            Tally total,
            @Size(max = StaffMember.MAX_DEPARTMENTS) List<DepartmentTally> departments) {}

    /**
     * A person who is not compliant with a module: EXPIRED (or taught an older major version) or NOT_STARTED; when
     * what ran out was a transferred completion or an exemption, {@code basis} says so.
     */
    public record Overdue(
            String staffNumber,
            String name,
            String department,
            String moduleCode,
            ComplianceStatus status,
            Instant expiresAt,
            Standing.Basis basis) {}

    /**
     * @param scope                   {@code "trust"} or the department
     * @param policyVersionMayBeStale policy-service could not be asked just now; the last known versions were used
     * @param overdueTruncated        more people are overdue than {@code trustgov.training.overdue-list-limit}
     */
    public record Report(
            String scope,
            Instant asOf,
            boolean policyVersionMayBeStale,
            @Size(max = TrainingModule.MAX_MODULES) List<ModuleCompliance> modules,

            @Size(max = TrainingSettings.MAX_OVERDUE_LIST_LIMIT)
            List<Overdue> overdue,

            boolean overdueTruncated) {}

    /** One person's standing on one of their modules. */
    public record ModuleStanding(
            String moduleCode,
            int moduleVersion,
            String title,
            String policyCode,
            String policyVersionInForce,
            ComplianceStatus status,
            Standing latest,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "When a targeted refresher on the module falls due, while it is outstanding")
            Instant refresherDueAt) {}

    /** One person's compliance with every module assigned to them. */
    public record PersonCompliance(
            String staffNumber,
            String name,
            String department,
            boolean active,
            boolean policyVersionMayBeStale,
            @Size(max = TrainingModule.MAX_MODULES) List<ModuleStanding> modules) {}

    private final RosterQueries roster;
    private final ModuleService modules;
    private final CurrentPolicyVersions policyVersions;
    private final TrainingSettings settings;
    private final Clock clock;

    ComplianceReports(
            RosterQueries roster,
            ModuleService modules,
            CurrentPolicyVersions policyVersions,
            TrainingSettings settings,
            Clock clock) {
        this.roster = roster;
        this.modules = modules;
        this.policyVersions = policyVersions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whose compliance a report counts: the trust, one department, or everyone under one line manager. */
    public record Scope(String name, String department, String manager) {
        public static Scope trust() {
            return new Scope("trust", null, null);
        }

        public static Scope department(String department) {
            return new Scope(department, department, null);
        }

        public static Scope team(String managerStaffNumber) {
            return new Scope("team", null, managerStaffNumber);
        }
    }

    public Report report(Scope scope) {
        Instant now = clock.instant();
        boolean stale = false;
        List<ModuleCompliance> result = new ArrayList<>();
        List<Overdue> overdue = new ArrayList<>();
        int limit = settings.overdueListLimit();
        for (TrainingModule module : modules.published()) {
            CurrentPolicyVersions.InForce inForce = policyVersions.of(module.getPolicyCode());
            stale |= inForce.stale();
            int major = inForce.majorOr(module.getPolicyVersion());
            ModuleCount count = count(module, assigned(module, scope), major, now);
            result.add(count.compliance(module, inForce));
            if (overdue.size() <= limit) {
                overdue.addAll(count.overdue(limit + 1 - overdue.size()));
            }
        }
        boolean truncated = overdue.size() > limit;
        return new Report(scope.name(), now, stale, result, truncated ? overdue.subList(0, limit) : overdue, truncated);
    }

    /** One person's status on each published module assigned to them (same rule as the reports). */
    public PersonCompliance person(StaffMember member) {
        Instant now = clock.instant();
        boolean stale = false;
        List<ModuleStanding> standings = new ArrayList<>();
        for (TrainingModule module : modules.published()) {
            if (!module.isAssignedTo(member.getStaffGroup(), member.getDepartment())
                    && !member.hasRefresher(module.getCode())) {
                continue;
            }
            CurrentPolicyVersions.InForce inForce = policyVersions.of(module.getPolicyCode());
            stale |= inForce.stale();
            int major = inForce.majorOr(module.getPolicyVersion());
            Standing latest = member.getStandings().get(module.getCode());
            RefresherDue refresher = member.getRefreshers().get(module.getCode());
            ComplianceStatus status = ComplianceRule.of(
                    ComplianceRule.Facts.of(latest, refresher),
                    new ComplianceRule.Context(now, major, settings.dueSoon()));
            standings.add(new ModuleStanding(
                    module.getCode(),
                    module.getVersion(),
                    module.getTitle(),
                    module.getPolicyCode(),
                    inForce.version(),
                    status,
                    latest,
                    RefresherDue.dueFor(refresher, latest)));
        }
        return new PersonCompliance(
                member.getStaffNumber(), member.getName(), member.getDepartment(), member.isActive(), stale, standings);
    }

    /** Active staff in the module's audience or given a targeted refresher on it, within the scope. */
    static Criteria assigned(TrainingModule module, Scope scope) {
        List<Criteria> all = new ArrayList<>();
        all.add(where("active").is(true));
        if (scope.department() != null) {
            all.add(where("department").is(scope.department()));
        }
        if (scope.manager() != null) {
            all.add(RosterQueries.underManager(scope.manager()));
        }
        List<Criteria> audience = new ArrayList<>();
        List<String> groups = module.getAudienceStaffGroups();
        if (!groups.isEmpty() && !groups.contains(TrainingModule.ALL_STAFF)) {
            audience.add(where("staffGroup").in(groups));
        }
        if (!module.getAudienceDepartments().isEmpty()) {
            audience.add(where("department").in(module.getAudienceDepartments()));
        }
        if (!audience.isEmpty()) {
            all.add(new Criteria()
                    .orOperator(
                            new Criteria().andOperator(audience),
                            where("refreshers." + module.getCode()).exists(true)));
        }
        return new Criteria().andOperator(all);
    }

    /**
     * Reads the module's standing and refresher of everyone assigned it, once, from a cursor, and applies the rule
     * ({@link ComplianceRule#of}) to each: counted by department and status, the overdue kept aside. The store only
     * selects the records (the assignment is a plain query); the rule is the one Java definition, not a store
     * expression read again for each of its conditions.
     */
    private ModuleCount count(TrainingModule module, Criteria assigned, int major, Instant now) {
        ComplianceRule.Context context = new ComplianceRule.Context(now, major, settings.dueSoon());
        String code = module.getCode();
        Query query = new Query(assigned);
        query.fields().include("name", "department", "standings." + code, "refreshers." + code);
        ModuleCount count = new ModuleCount();
        roster.forEach(query, member -> {
            Document standing = member.get("standings") instanceof Document all ? all.get(code, Document.class) : null;
            Document refresher =
                    member.get("refreshers") instanceof Document all ? all.get(code, Document.class) : null;
            ComplianceStatus status = ComplianceRule.of(facts(standing, refresher), context);
            String department = member.getString("department");
            count.byDepartment
                    .computeIfAbsent(String.valueOf(department), d -> new EnumMap<>(ComplianceStatus.class))
                    .merge(status, 1L, Long::sum);
            if (OVERDUE.contains(status)) {
                count.overdue.add(new Overdue(
                        member.getString("_id"),
                        member.getString("name"),
                        department,
                        code,
                        status,
                        standing == null ? null : instant(standing, "expiresAt"),
                        standing == null || standing.getString("basis") == null
                                ? null
                                : Standing.Basis.valueOf(standing.getString("basis"))));
            }
        });
        return count;
    }

    /**
     * The rule's facts from a stored {@link Standing} and {@link RefresherDue} (either may be null), read field by
     * field: the report reads them for every assigned person, and mapping each whole record cost more than the rule.
     */
    private static ComplianceRule.Facts facts(Document standing, Document refresher) {
        RefresherDue due = refresher == null
                ? null
                : new RefresherDue(
                        refresher.getString("refresherId"),
                        instant(refresher, "assignedAt"),
                        instant(refresher, "dueAt"));
        return standing == null
                ? new ComplianceRule.Facts(null, null, null, due)
                : new ComplianceRule.Facts(
                        instant(standing, "expiresAt"),
                        standing.get("policyMajor") instanceof Number major ? major.intValue() : null,
                        instant(standing, "completedAt"),
                        due);
    }

    private static Instant instant(Document document, String field) {
        return document.get(field) instanceof java.util.Date date ? date.toInstant() : null;
    }

    /** One module's counts by department and status, and the people overdue on it. */
    private static final class ModuleCount {

        private final Map<String, Map<ComplianceStatus, Long>> byDepartment = new TreeMap<>();
        private final List<Overdue> overdue = new ArrayList<>();

        ModuleCompliance compliance(TrainingModule module, CurrentPolicyVersions.InForce inForce) {
            Map<ComplianceStatus, Long> total = new EnumMap<>(ComplianceStatus.class);
            byDepartment.values().forEach(counts -> counts.forEach((status, n) -> total.merge(status, n, Long::sum)));
            return new ModuleCompliance(
                    module.getCode(),
                    module.getVersion(),
                    module.getTitle(),
                    module.getPolicyCode(),
                    inForce.version(),
                    Tally.of(total),
                    byDepartment.entrySet().stream()
                            .map(e -> new DepartmentTally(e.getKey(), Tally.of(e.getValue())))
                            .toList());
        }

        /** The first {@code limit} overdue by department, then staff number. */
        List<Overdue> overdue(int limit) {
            return overdue.stream()
                    .sorted(Comparator.comparing(Overdue::department, Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparing(Overdue::staffNumber))
                    .limit(limit)
                    .toList();
        }
    }
}
