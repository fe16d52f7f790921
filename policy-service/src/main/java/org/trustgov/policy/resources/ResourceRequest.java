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
        @NotNull @PlausibleDate LocalDate reviewDate) {

    /** The most audiences one resource is signposted to. */
    public static final int MAX_AUDIENCES = 20;
}
