package org.trustgov.audit.incidents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;

/** What the workflow asks of whom, for training-service's reminders (its service account only). */
@RestController
@Tag(name = "Incidents", description = "Conduct-breach incidents and their investigation")
public class IncidentAttentionController {

    private static final String REMINDERS = "training-service";

    private final IncidentAttention attention;

    IncidentAttentionController(IncidentAttention attention) {
        this.attention = attention;
    }

    @GetMapping("/api/audit/incidents/attention")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "What the incident workflow asks of whom",
            description = "training-service only (its reminders): staff numbers, what is asked (investigate, an action "
                    + "and its due date, an outcome decided, an appeal lodged) and an opaque key per case; nothing of "
                    + "the case itself.")
    @ApiResponse(
            responseCode = "200",
            description = "Open cases' items, and outcomes and appeals of the last 30 days",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = 100_000,
                                            schema = @Schema(implementation = IncidentAttention.Item.class))))
    public List<IncidentAttention.Item> attention(Caller caller) {
        if (!REMINDERS.equals(caller.clientId())) {
            throw new AccessDeniedException("only training-service's reminders read this");
        }
        return attention.items();
    }
}
