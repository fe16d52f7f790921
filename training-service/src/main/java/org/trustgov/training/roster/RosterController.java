package org.trustgov.training.roster;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.paging.SortOrders;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/training/staff")
@Tag(name = "Staff roster", description = "The staff roster HR pushes in")
public class RosterController {

    private final RosterQueries roster;
    private final RosterUpsert upsert;
    private final StaffRecordAccess access;
    private final JsonMapper json;

    RosterController(RosterQueries roster, RosterUpsert upsert, StaffRecordAccess access, JsonMapper json) {
        this.roster = roster;
        this.upsert = upsert;
        this.access = access;
        this.json = json;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('hr-integration')")
    @Operation(
            summary = "Upsert the roster from HR (JSON array of rows)",
            description =
                    "HR integration. Idempotent by staff number. Read from the request a row at a time. Each row is "
                            + "applied or rejected with its row, line and reasons; a bad row never blocks the others. A leaver whose "
                            + "roster record the trust disposed of is counted as alreadyDisposed and not kept again. Up to 32 MB "
                            + "per request (20,000 rows is about 5 MB). The upload is recorded, with its counts, in the audit log.",
            requestBody =
                    @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            array = @ArraySchema(schema = @Schema(implementation = RosterRow.class)))))
    public UpsertReport upsertJson(HttpServletRequest request, Caller caller) throws IOException {
        return upsert.upsert(RosterJson.rows(json, request.getInputStream()), caller);
    }

    @PostMapping(consumes = "text/csv")
    @PreAuthorize("hasRole('hr-integration')")
    @Operation(
            summary = "Upsert the roster from HR (CSV with a header row)",
            description = "HR integration. Columns: staffNumber,name,workEmail,department,staffGroup,registrationBody,"
                    + "registrationNumber,lineManagerStaffNumber,active,leavingDate (any order). Read a record at a time; "
                    + "every line is applied or reported with its line number (an unreadable line never stops the rest). "
                    + "A leaver whose roster record the trust disposed of is counted as alreadyDisposed and not "
                    + "kept again.",
            requestBody =
                    @RequestBody(
                            required = true,
                            content =
                                    @Content(mediaType = "text/csv", schema = @Schema(type = "string", example = """
                            staffNumber,name,department,staffGroup,registrationBody,registrationNumber,lineManagerStaffNumber
                            10000001,Alex Carter,Acute Medicine,Nursing and Midwifery Registered,NMC,12A3456E,10000005
                            """))))
    public UpsertReport upsertCsv(HttpServletRequest request, Caller caller) throws IOException {
        return upsert.upsert(RosterCsv.rows(request.getInputStream()), caller);
    }

    @GetMapping("/{staffNumber}")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "One roster record",
            description = "Governance and HR integration; a person may read their own.")
    public StaffRecord one(@PathVariable String staffNumber, Caller caller) {
        access.require(caller, StaffRecordAccess.Record.ROSTER_ENTRY, staffNumber);
        StaffRecord found = StaffRecord.of(roster.member(staffNumber));
        access.read(caller, StaffRecordAccess.Record.ROSTER_ENTRY, staffNumber);
        return found;
    }

    @GetMapping("/headcount")
    @PreAuthorize("hasAnyRole('service', 'governance', 'hr-integration')")
    @Operation(
            summary = "Active staff per department",
            description =
                    "Counted by MongoDB; leavers excluded. Other services (role service) use it for coverage reports.")
    @ApiResponse(
            responseCode = "200",
            description = "One count per department, by name (the roster holds at most 2,000 departments)",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = StaffMember.MAX_DEPARTMENTS,
                                            schema = @Schema(implementation = DepartmentHeadcount.class))))
    public List<DepartmentHeadcount> headcount() {
        return roster.headcount();
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('hr-integration', 'governance')")
    @Operation(summary = "Read the staff roster", description = "HR integration and governance only.")
    public PagedModel<StaffRecord> list(
            @ParameterObject @PageableDefault(size = 100, sort = "_id", direction = Sort.Direction.ASC) Pageable page) {
        return new PagedModel<>(roster.page(SortOrders.only(page, "_id", "staffNumber", "name", "department"))
                .map(StaffRecord::of));
    }
}
