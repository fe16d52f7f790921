package org.trustgov.training.compliance;

import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.training.roster.RosterQueries;
import org.trustgov.training.roster.StaffMember;

@RestController
@RequestMapping("/api/training/compliance")
@Tag(name = "Compliance", description = "Who is compliant with the published modules: trust-wide, per department, per person")
public class ComplianceController {

    private final ComplianceReports reports;
    private final RosterQueries roster;

    ComplianceController(ComplianceReports reports, RosterQueries roster) {
        this.reports = reports;
        this.roster = roster;
    }

    @GetMapping
    @PreAuthorize("hasRole('governance')")
    @Operation(summary = "Trust-wide compliance",
            description = "Governance. Per published module: counts and percentages of active staff (leavers excluded) "
                    + "COMPLIANT, DUE_SOON, EXPIRED, NOT_STARTED, in total and per department, and the people overdue "
                    + "(EXPIRED or NOT_STARTED; capped, see overdueTruncated). A completion taught against an older major "
                    + "version of the policy than the one in force counts as EXPIRED.")
    public ComplianceReports.Report trust() {
        return reports.report(null);
    }

    @GetMapping("/departments/{department}")
    @PreAuthorize("hasAnyRole('governance', 'line-manager')")
    @Operation(summary = "One department's compliance",
            description = "Governance for any department; a line manager for their own department only (403 otherwise).")
    public ComplianceReports.Report department(@Parameter(example = "Acute Medicine") @PathVariable String department,
            Caller caller) {
        if (!caller.hasRole("governance") && !department.equals(caller.department())) {
            throw new AccessDeniedException("A line manager sees their own department's compliance only");
        }
        return reports.report(department);
    }

    @GetMapping("/staff/{staffNumber}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "One person's compliance with each module assigned to them",
            description = "The person themselves, governance, a line manager of the person's department, or another "
                    + "service (audit-service takes a snapshot when an incident is recorded).")
    public ComplianceReports.PersonCompliance person(@Parameter(example = "10000001") @PathVariable String staffNumber,
            Caller caller) {
        boolean own = caller.isPerson() && staffNumber.equals(caller.staffNumber());
        boolean governance = caller.hasRole("governance") || caller.hasRole("service");
        if (!own && !governance && !caller.hasRole("line-manager")) {
            throw denied();
        }
        StaffMember member = roster.member(staffNumber);
        if (!own && !governance && !Objects.equals(member.getDepartment(), caller.department())) {
            throw denied();
        }
        return reports.person(member);
    }

    private static AccessDeniedException denied() {
        return new AccessDeniedException("Only the person, their department's line manager and governance see this");
    }
}
