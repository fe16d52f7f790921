package org.trustgov.training.overrides;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.trustgov.starter.validation.PlausibleDate;
import org.trustgov.training.roster.Standing.Basis;

/**
 * A completion earned elsewhere ({@code TRANSFERRED}: the source organisation and the day it was earned) or an
 * exemption ({@code EXEMPT}: why, and until when), with the evidence for it; what each kind needs is checked by
 * {@link TrainingOverrides}, naming the field.
 */
@Schema(example = """
        {"staffNumber":"10000002","moduleCode":"SMW-01","kind":"TRANSFERRED",
         "sourceOrganisation":"Leeds Teaching Hospitals NHS Trust","earnedOn":"2026-09-14",
         "evidenceReference":"IAT-2026-44812"}""")
public record OverrideRequest(
        @NotBlank @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
        String staffNumber,

        @NotBlank @Size(max = 40) String moduleCode,
        @NotNull Basis kind,
        @Size(max = 200) String sourceOrganisation,
        @PlausibleDate LocalDate earnedOn,
        @Size(max = 2000) String reason,
        @PlausibleDate LocalDate expiresOn,
        @Size(max = 200) String evidenceReference) {}
