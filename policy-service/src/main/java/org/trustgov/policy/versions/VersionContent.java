package org.trustgov.policy.versions;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.trustgov.starter.validation.PlausibleDate;

/**
 * What an author writes in a version. {@code reviewDue} may be left out: it is then the effective date plus the
 * configured review period (three years by default).
 */
@Schema(example = """
        {"clauses":[{"number":"1.1","heading":"Purpose","text":"This policy explains how staff use social media safely and professionally."},
                    {"number":"4.2","heading":"Photographs and video","text":"Never take or share images of patients on a personal device or account."}],
         "changeSummary":"Adds guidance on photographs taken on wards","effectiveDate":"2027-01-01"}""")
public record VersionContent(
        @NotNull @Size(max = MAX_CLAUSES) List<@Valid @NotNull Clause> clauses,
        @NotBlank @Size(max = 2000) String changeSummary,
        @NotNull @PlausibleDate LocalDate effectiveDate,
        @PlausibleDate LocalDate reviewDue) {

    /** The most clauses one version has. */
    public static final int MAX_CLAUSES = 300;
}
