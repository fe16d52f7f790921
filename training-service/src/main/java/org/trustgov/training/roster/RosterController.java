package org.trustgov.training.roster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.outbox.AuditOutbox;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/training/staff")
@Tag(name = "Staff roster", description = "The staff roster HR pushes in")
public class RosterController {

    private final RosterQueries roster;
    private final RosterUpsert upsert;
    private final AuditOutbox audit;

    RosterController(RosterQueries roster, RosterUpsert upsert, AuditOutbox audit) {
        this.roster = roster;
        this.upsert = upsert;
        this.audit = audit;
    }

    /** Every upload is summarised in the audit log (counts only: no names). */
    private UpsertReport logged(UpsertReport report, Caller caller) {
        audit.record(caller.logName(), "training.roster.upserted", "roster", Map.of("received", report.received(),
                "inserted", report.inserted(), "updated", report.updated(), "unchanged", report.unchanged(),
                "rejected", report.rejected().size()));
        return report;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('hr-integration')")
    @Operation(summary = "Upsert the roster from HR (JSON array of rows)",
            description = "HR integration. Idempotent by staff number. Each row is applied or rejected with its reasons; "
                    + "a bad row never blocks the others. Up to 32 MB per request (20,000 rows is about 5 MB).")
    public UpsertReport upsertJson(@RequestBody List<Map<String, Object>> rows, Caller caller) {
        var numbered = new ArrayList<RosterRows.Parsed>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            numbered.add(RosterRows.parse(i + 1, rows.get(i) == null ? Map.of() : rows.get(i)));
        }
        return logged(upsert.upsert(numbered.iterator()), caller);
    }

    @PostMapping(consumes = "text/csv")
    @PreAuthorize("hasRole('hr-integration')")
    @Operation(summary = "Upsert the roster from HR (CSV with a header row)",
            description = "HR integration. Columns: staffNumber,name,workEmail,department,staffGroup,registrationBody,"
                    + "registrationNumber,lineManagerStaffNumber,active,leavingDate (any order). Read a row at a time.")
    public UpsertReport upsertCsv(HttpServletRequest request, Caller caller) throws IOException {
        return logged(upsert.upsert(RosterCsv.rows(request.getInputStream())), caller);
    }

    @GetMapping("/{staffNumber}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "One roster record", description = "Governance and HR integration; a person may read their own.")
    public StaffRecord one(@PathVariable String staffNumber, Caller caller) {
        return StaffRecord.of(roster.record(staffNumber, caller));
    }

    @GetMapping("/headcount")
    @PreAuthorize("hasAnyRole('service', 'governance', 'hr-integration')")
    @Operation(summary = "Active staff per department",
            description = "Counted by MongoDB; leavers excluded. Other services (role service) use it for coverage reports.")
    public List<DepartmentHeadcount> headcount() {
        return roster.headcount();
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('hr-integration', 'governance')")
    @Operation(summary = "Read the staff roster", description = "HR integration and governance only.")
    public PagedModel<StaffRecord> list(@PageableDefault(size = 100, sort = "_id", direction = Sort.Direction.ASC) Pageable page) {
        return new PagedModel<>(roster.page(page).map(StaffRecord::of));
    }
}
