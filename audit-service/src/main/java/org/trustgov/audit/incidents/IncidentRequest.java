package org.trustgov.audit.incidents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.trustgov.audit.incidents.IncidentTypes.Category;
import org.trustgov.audit.incidents.IncidentTypes.EvidenceKind;
import org.trustgov.audit.incidents.IncidentTypes.Platform;
import org.trustgov.audit.incidents.IncidentTypes.Severity;
import org.trustgov.starter.validation.PlausibleDate;

/** A report of a breach, as a member of staff or governance files it. */
@Schema(example = """
        {"subjectStaffNumber":"10000002","occurredAt":"2026-11-20T21:30:00Z","platform":"FACEBOOK",
         "category":"PATIENT_IMAGES_WITHOUT_CONSENT","severity":"HIGH",
         "description":"A photo of bay 3 on Ward 7 was posted to a public group; a patient is recognisable in the background.",
         "evidence":[{"kind":"URL","reference":"https://www.facebook.com/groups/example/posts/123","note":"Post, since removed"}],
         "breachedClauses":[{"policyCode":"SM-001","policyVersion":"1.0","clauseNumber":"4.2"}]}""")
public record IncidentRequest(
        @NotBlank @Pattern(regexp = "[0-9]{8}", message = "must be an 8-digit staff number")
        String subjectStaffNumber,

        // A breach of a social media policy happened this century: a year like 1901 is a slip of the keyboard.
        @NotNull @PlausibleDate(minYear = 2000) Instant occurredAt,
        @NotNull Platform platform,
        @NotNull Category category,
        @NotNull Severity severity,

        @NotBlank @Size(max = IncidentRequest.DESCRIPTION_LIMIT, message = "must be at most {max} characters")
        String description,

        @Size(max = MAX_EVIDENCE) List<@Valid @NotNull EvidenceRequest> evidence,
        @NotNull @Size(min = 1, max = MAX_CLAUSES) List<@Valid @NotNull ClauseRequest> breachedClauses) {

    /** The most pieces of evidence and breached clauses one report names. */
    public static final int MAX_EVIDENCE = 20;

    public static final int MAX_CLAUSES = 20;

    /** Longest description accepted (characters); a bigger request body than 1 MB is refused with 413 before this. */
    public static final int DESCRIPTION_LIMIT = 10_000;

    public record EvidenceRequest(
            @NotNull EvidenceKind kind,

            @JsonProperty("reference") @NotBlank @Size(max = 2000)
            String reference,

            @Size(max = 1000) String note) {

        /** Validates {@code reference} (so a refusal names that field); not a property of its own. */
        @JsonIgnore
        @AssertTrue(message = "a URL must be http(s)://")
        public boolean isReference() {
            return kind != EvidenceKind.URL
                    || reference == null
                    || reference.matches("(?i)https?://[^\\s/$.?#][^\\s]*");
        }
    }

    public record ClauseRequest(
            @NotBlank @Pattern(regexp = "[A-Z]{2,5}-[0-9]{3}", message = "must look like SM-001")
            String policyCode,

            @NotBlank @Pattern(regexp = "[0-9]{1,4}\\.[0-9]{1,4}", message = "must be major.minor, e.g. 1.0")
            String policyVersion,

            @NotBlank
            @Pattern(regexp = "[0-9]{1,3}(\\.[0-9]{1,3}){0,3}", message = "must be a clause number such as 4.2")
            String clauseNumber) {}
}
