package org.trustgov.training.compliance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.training.roster.RosterQueries;
import org.trustgov.training.roster.StaffRecordAccess;

@RestController
@RequestMapping("/api/training/compliance")
@Tag(
        name = "Compliance",
        description = "Who is compliant with the published modules: trust-wide, per department, per person")
public class ComplianceController {

    /**
     * A department's name as HR's roster may hold it: not blank (the roster refuses a blank name, so a report of one
     * could only be empty). Any other character, a / or a line break included, may be in it. Written without flags, so
     * that the API document can publish it as a regular expression clients read alike.
     */
    static final String NAMED = "[\\s\\S]*\\S[\\s\\S]*";

    private final ComplianceReports reports;
    private final RosterQueries roster;
    private final StaffRecordAccess access;

    ComplianceController(ComplianceReports reports, RosterQueries roster, StaffRecordAccess access) {
        this.reports = reports;
        this.roster = roster;
        this.access = access;
    }

    @GetMapping
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Trust-wide compliance, or one department's",
            description = "Governance. Per published module: counts and percentages of active staff (leavers excluded) "
                    + "COMPLIANT, DUE_SOON, EXPIRED, NOT_STARTED, in total and per department, and the people overdue "
                    + "(EXPIRED or NOT_STARTED; capped, see overdueTruncated). A completion taught against an older major "
                    + "version of the policy than the one in force counts as EXPIRED. With department, only that "
                    + "department (any name HR's roster holds, a / included). Line managers use the team report.")
    public ComplianceReports.Report trust(
            @Parameter(description = "One department, as HR's roster names it", example = "Obstetrics/Gynaecology")
                    @RequestParam(required = false)
                    @Size(max = 100)
                    @Pattern(regexp = NAMED, message = "must not be blank")
                    String department) {
        return reports.report(
                department == null ? ComplianceReports.Scope.trust() : ComplianceReports.Scope.department(department));
    }

    @GetMapping("/departments/{department}")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "One department's compliance",
            description = "Governance. The same as ?department= for a name that can be a path segment: a name with a /"
                    + " cannot (no firewall lets an encoded / through), so the web pages use ?department=.")
    public ComplianceReports.Report department(
            @Parameter(example = "Acute Medicine")
                    @PathVariable
                    @Size(max = 100)
                    @Pattern(regexp = NAMED, message = "must not be blank")
                    String department) {
        return reports.report(ComplianceReports.Scope.department(department));
    }

    @GetMapping("/team")
    @PreAuthorize("hasRole('line-manager')")
    @Operation(
            summary = "My team's compliance",
            description = "Line managers: the people who report to me, directly or through managers below me (the "
                    + "roster's line-manager links), whatever their department.")
    public ComplianceReports.Report team(Caller caller) {
        return reports.report(ComplianceReports.Scope.team(access.teamManager(caller)));
    }

    @GetMapping("/staff/{staffNumber}")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "One person's compliance with each module assigned to them",
            description = "The person themselves, their line managers (up the chain), governance, or audit-service "
                    + "(it takes a snapshot when an incident is recorded). Anyone else gets 403, before any lookup.")
    public ComplianceReports.PersonCompliance person(
            @Parameter(example = "10000001")
                    @PathVariable
                    @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
                    String staffNumber,
            Caller caller) {
        access.require(caller, StaffRecordAccess.Record.COMPLIANCE, staffNumber);
        var member = roster.member(staffNumber);
        access.read(caller, StaffRecordAccess.Record.COMPLIANCE, staffNumber);
        return reports.person(member);
    }
}
