package org.trustgov.training.refreshers;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.trustgov.training.modules.ModuleRequest;

/**
 * A targeted refresher as governance asks for it, usually from a signal: the clause the incidents cited, the group
 * (a department, or the line-management chain under a named manager within it), the module that teaches the clause,
 * and the day it is due.
 */
@Schema(description = "A targeted refresher: a module citing a clause, to a department's staff, due on a day")
public record RefresherRequest(
        @NotBlank @Pattern(regexp = "[A-Z]{2,5}-[0-9]{3}", message = "must look like SM-001")
        String policyCode,

        @NotBlank @Pattern(regexp = ModuleRequest.CLAUSE, message = ModuleRequest.CLAUSE_MESSAGE)
        String clause,

        @NotBlank @Size(max = 100) String department,

        @Schema(
                description =
                        "Only the staff under this line manager (directly or down the chain); empty: the department")
        @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
        String manager,

        @NotBlank @Pattern(regexp = "[A-Z]{2,6}-[0-9]{2,3}", message = "must look like SMT-01")
        String moduleCode,

        @Schema(description = "The day it is due (the end of that day, UTC); today or later") @NotNull
        LocalDate dueOn) {}
