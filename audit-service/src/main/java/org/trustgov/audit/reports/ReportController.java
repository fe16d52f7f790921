package org.trustgov.audit.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.audit.incidents.ClusterRule;
import org.trustgov.audit.incidents.IncidentReports;
import org.trustgov.audit.incidents.IncidentSignals;
import org.trustgov.audit.incidents.IncidentViews;
import org.trustgov.audit.log.chain.AuditEntry;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.BadRequestException;
import org.trustgov.starter.validation.PlausibleDate;
import org.trustgov.transparency.VerifiableExport;

@RestController
@Tag(name = "Incident reports", description = "Governance reports and HR's read of outcomes")
public class ReportController {

    private final IncidentReports reports;
    private final OutcomeExports exports;
    private final IncidentSignals signals;

    private final RefresherOutcomes refresherOutcomes;

    ReportController(
            IncidentReports reports,
            OutcomeExports exports,
            IncidentSignals signals,
            RefresherOutcomes refresherOutcomes) {
        this.reports = reports;
        this.exports = exports;
        this.signals = signals;
        this.refresherOutcomes = refresherOutcomes;
    }

    /** The rule in force and the clusters it finds now. */
    public record Signals(
            ClusterRule rule,

            @io.swagger.v3.oas.annotations.media.ArraySchema(maxItems = MAX_SIGNALS)
            List<ClusterRule.Signal> signals) {}

    static final int MAX_SIGNALS = 500;

    /** Open incidents citing each asked clause. */
    public record ClauseIncidents(String policyCode, java.util.Map<String, Long> openIncidents) {}

    @GetMapping("/api/audit/reports/clauses")
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'service')")
    @Operation(
            summary = "How many open incidents cite each of some clauses of a policy",
            description =
                    "For what a change to those clauses touches (policy-service asks it for a draft's impact): "
                            + "per clause, the incidents not closed that cite it in any version of the policy. Counts only. "
                            + "Governance, auditors and the platform's services; `clause` repeated, at most 20 (a query parameter's repeat limit).")
    public ClauseIncidents clauses(
            @RequestParam
                    @jakarta.validation.constraints.Pattern(
                            regexp = "[A-Z]{2,5}-[0-9]{3}",
                            message = "must look like SM-001")
                    String policyCode,
            @RequestParam @jakarta.validation.constraints.Size(min = 1, max = 20)
                    List<
                                    @jakarta.validation.constraints.Pattern(
                                            regexp = "[0-9]{1,3}(\\.[0-9]{1,3}){0,3}",
                                            message = "must be a clause number such as 4.2")
                                    String>
                            clause) {
        return new ClauseIncidents(policyCode, signals.openCiting(policyCode, new java.util.LinkedHashSet<>(clause)));
    }

    @GetMapping("/api/audit/reports/refreshers")
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'line-manager')")
    @Operation(
            summary = "Did the targeted refreshers help? Incidents before and after each, and its completion",
            description = "For every targeted refresher (training-service): the incidents citing its clause in its "
                    + "department for the same length of time before and after it was assigned (not counting cases "
                    + "closed with no case to answer), and how many of its group completed the module since. Below "
                    + "`trustgov.signals.small-numbers` (5) there is no percentage change, and a smaller group shows no "
                    + "completion figures. Governance and auditors see every department's; a line manager their own. "
                    + "When training-service cannot answer, `missing` names it and the list is empty.")
    public RefresherOutcomes.Report refreshers(Caller caller) {
        return refresherOutcomes.report(caller.departmentSeen("targeted refreshers", "governance", "auditor"));
    }

    @GetMapping("/api/audit/reports/signals")
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'line-manager')")
    @Operation(
            summary = "Signals: clusters of incidents citing the same clause in one department",
            description = "By the trust's cluster rule (`trustgov.signals`, by default 3 or more incidents citing the "
                    + "same clause about staff of one department, occurred within 90 days, not counting cases closed "
                    + "with no case to answer). Governance and auditors see every department; a line manager sees "
                    + "their own department's. Counts and dates only: no incident, person or reporter is named.")
    public Signals signals(Caller caller) {
        List<ClusterRule.Signal> found = signals.current(caller.departmentSeen("signals", "governance", "auditor"));
        return new Signals(signals.rule(), found.subList(0, Math.min(MAX_SIGNALS, found.size())));
    }

    @GetMapping("/api/audit/reports/incidents")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "Incidents by category, severity, department and month; open cases by age; median time to "
                    + "close; breaches by staff not compliant with the training at the time",
            description = "Incidents reported in [from, to) (UTC days). Governance and auditors.")
    public IncidentReports.Report incidents(
            @Parameter(example = "2026-01-01") @RequestParam @PlausibleDate LocalDate from,
            @Parameter(example = "2027-01-01") @RequestParam @PlausibleDate LocalDate to) {
        check(from, to);
        return reports.report(
                from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @GetMapping("/api/audit/outcomes")
    @PreAuthorize("hasAnyRole('hr-integration', 'governance')")
    @Operation(
            summary = "Case outcomes decided in a date range, for HR",
            description = "HR integration (and governance). Outcome, summary, expiry and regulator; never the "
                    + "description, evidence or investigation notes. [from, to) in UTC days, oldest decision first, in "
                    + "pages (`page` from 0, `size` up to 1,000; the answer says how many pages there are).")
    public PagedModel<IncidentViews.OutcomeRecord> outcomes(
            @Parameter(example = "2026-01-01") @RequestParam @PlausibleDate LocalDate from,
            @Parameter(example = "2027-01-01") @RequestParam @PlausibleDate LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(1000) int size,
            Caller caller) {
        check(from, to);
        return new PagedModel<>(reports.outcomes(
                from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.atStartOfDay(ZoneOffset.UTC).toInstant(),
                PageRequest.of(page, size),
                caller));
    }

    @GetMapping("/api/audit/outcomes/export")
    @PreAuthorize("hasAnyRole('hr-integration', 'governance')")
    @Operation(
            summary = "Case outcomes decided in a date range, verifiable offline",
            description =
                    "HR integration (and governance). The same outcomes, each as the decision the audit log bound "
                            + "(`bound[].record`, whose RFC 8785 hash is the `outcomeHash` of log entry `bound[].sequence`), with "
                            + "those entries, a signed and witnessed checkpoint and an inclusion proof per entry: check it with "
                            + "`java Verify.java bundle <file> <log-vkey>,<witness-vkey>`. Outcomes decided before the log bound "
                            + "them are in `unbound` (the verifier then answers NOT PROVED, exit 2). Each export is sealed in the "
                            + "log (`manifest`: an `export.sealed` entry with the hash of the export's content and the list of its "
                            + "entries), so an edited or cut export fails. Pages as for /api/audit/outcomes (`size` up to 1,000).")
    public VerifiableExport<OutcomeExports.BoundOutcome, OutcomeExports.UnboundOutcome, AuditEntry> outcomesExport(
            @Parameter(example = "2026-01-01") @RequestParam @PlausibleDate LocalDate from,
            @Parameter(example = "2027-01-01") @RequestParam @PlausibleDate LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(1000) int size,
            Caller caller) {
        check(from, to);
        return exports.export(
                from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.atStartOfDay(ZoneOffset.UTC).toInstant(),
                PageRequest.of(page, size),
                caller);
    }

    private static void check(LocalDate from, LocalDate to) {
        if (!from.isBefore(to)) {
            throw new BadRequestException("to", "must be after from");
        }
    }
}
