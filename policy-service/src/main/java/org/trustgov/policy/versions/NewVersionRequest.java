package org.trustgov.policy.versions;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A new draft: its number (greater than every existing version of the policy) and its content. */
@Schema(example = """
        {"number":"2.0","content":{"clauses":[{"number":"1.1","heading":"Purpose","text":"..."}],
         "changeSummary":"Annual review","effectiveDate":"2027-01-01"}}""")
public record NewVersionRequest(
        @NotNull @Pattern(regexp = "[0-9]{1,4}\\.[0-9]{1,4}", message = "must be major.minor, e.g. 2.0")
        String number,

        @NotNull @Valid VersionContent content) {}
