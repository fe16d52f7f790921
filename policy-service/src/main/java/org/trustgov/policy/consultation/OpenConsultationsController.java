package org.trustgov.policy.consultation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.versions.VersionService;

@RestController
@Tag(name = "Consultation", description = "Comments on a version under review")
public class OpenConsultationsController {

    /** A version open for comment, with what a to-do list needs to name it. */
    public record OpenConsultation(String policyCode, String title, String version, LocalDate effectiveDate) {}

    private final VersionService versions;

    OpenConsultationsController(VersionService versions) {
        this.versions = versions;
    }

    @GetMapping("/api/policy/consultations")
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "The versions open for comment now",
            description = "Anyone signed in: every version in consultation, by policy code, in one read (the start "
                    + "page's to-do list).")
    @ApiResponse(
            responseCode = "200",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = Policy.MAX_POLICIES * Policy.MAX_VERSIONS,
                                            schema = @Schema(implementation = OpenConsultation.class))))
    public List<OpenConsultation> open() {
        return versions.inConsultation().stream()
                .map(v -> new OpenConsultation(
                        v.policy().getCode(),
                        v.policy().getTitle(),
                        v.version().getNumber(),
                        v.version().getEffectiveDate()))
                .toList();
    }
}
