package org.trustgov.training.roster;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.starter.validation.SearchText;

@RestController
@Validated
@Tag(name = "Staff directory", description = "Finding a colleague by name")
public class DirectoryController {

    /**
     * A colleague as the directory shows them: what a trust's address book shows, nothing from the HR record; {@code
     * active} is false for a leaver (whom only the lookup by number answers).
     */
    public record Colleague(String staffNumber, String name, String department, boolean active) {
        static Colleague of(StaffMember m) {
            return new Colleague(m.getStaffNumber(), m.getName(), m.getDepartment(), m.isActive());
        }
    }

    /** The most people one name lookup asks for (a page of incidents names at most 50 subjects). */
    static final int MAX_NUMBERS = 50;

    /** The most matches one search answers. */
    static final int MAX_MATCHES = 20;

    private final RosterQueries roster;

    DirectoryController(RosterQueries roster) {
        this.roster = roster;
    }

    @GetMapping("/api/training/directory")
    @PreAuthorize("hasAnyRole('staff', 'governance')")
    @Operation(
            summary = "Find a colleague by name",
            description = "Staff and governance: active staff whose name contains every word given (any case, any "
                    + "order), at most " + MAX_MATCHES + ", with their department and staff number; what the trust's "
                    + "address book shows, so that a person is chosen by name (reporting a concern, assigning an "
                    + "investigator or an action). Fewer than two letters: 400.")
    @ApiResponse(
            responseCode = "200",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = MAX_MATCHES,
                                            schema = @Schema(implementation = Colleague.class))))
    public List<Colleague> find(
            @Parameter(description = "Part of the name", example = "alex car")
                    @RequestParam
                    @NotBlank
                    @Size(min = 2, max = 100)
                    @SearchText
                    String name) {
        return roster.findByName(name, MAX_MATCHES).stream().map(Colleague::of).toList();
    }

    @GetMapping("/api/training/directory/people")
    @PreAuthorize("hasAnyRole('governance', 'auditor', 'service')")
    @Operation(
            summary = "Names for staff numbers",
            description = "Governance and auditors, who work and review cases: the name and department of each staff "
                    + "number given (at most " + MAX_NUMBERS
                    + "; leavers included, with active false, as a closed case still names them), "
                    + "so the incident pages show people, not numbers. Numbers not on the roster are left out. "
                    + "audit-service asks it (its service account) whether an investigator or an action's owner is "
                    + "active staff; none of these lookups is an access to the person's records.")
    @ApiResponse(
            responseCode = "200",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = MAX_NUMBERS,
                                            schema = @Schema(implementation = Colleague.class))))
    public List<Colleague> people(
            @Parameter(description = "Staff numbers, repeated (number=10000001&number=10000002)")
                    @RequestParam
                    @NotEmpty
                    @Size(max = MAX_NUMBERS)
                    List<@Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number") String> number) {
        return roster.namesOf(number).stream().map(Colleague::of).toList();
    }
}
