package org.trustgov.policy.resources;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.trustgov.starter.validation.PlausibleDate;

/** A resource as governance approves it. The URL must be an absolute http(s) address. */
@Schema(example = """
        {"name":"NHS mental health services","url":"https://www.nhs.uk/mental-health/",
         "description":"Reliable NHS information on mental health conditions and where to get help.",
         "topic":"HEALTH_INFORMATION",
         "audience":["service users","carers"],"reviewDate":"2027-11-01"}""")
public record ResourceRequest(
        @NotBlank @Size(max = 200) String name,

        @NotBlank
        @Size(max = 2000)
        @Pattern(
                regexp = "[hH][tT][tT][pP][sS]?://[a-zA-Z0-9.-]+(:[0-9]{1,5})?(/[^\\s]*)?",
                message = "must be an http(s) address")
        String url,

        @NotBlank @Size(max = 2000) String description,
        @NotNull Topic topic,
        @Size(max = MAX_AUDIENCES) List<@NotBlank @Size(max = 80) String> audience,
        @NotNull @PlausibleDate LocalDate reviewDate,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "The policy clauses it supports (a change to one shows it in the version's impact)")
        @Size(max = MAX_CITED)
        List<@jakarta.validation.Valid @NotNull CitedClause> clauses) {

    /** The most audiences one resource is signposted to. */
    public static final int MAX_AUDIENCES = 20;

    /** The most clauses one resource cites. */
    public static final int MAX_CITED = 20;

    /** A clause of a policy, in any of its versions. */
    public record CitedClause(
            @NotBlank @Pattern(regexp = "[A-Z]{2,5}-[0-9]{3}", message = "must look like SM-001")
            String policyCode,

            @NotBlank
            @Pattern(regexp = "[0-9]{1,3}(\\.[0-9]{1,3}){0,3}", message = "must be a clause number such as 4.2")
            String clauseNumber) {}
}
