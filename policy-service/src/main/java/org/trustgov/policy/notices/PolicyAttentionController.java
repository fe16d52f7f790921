package org.trustgov.policy.notices;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the policy side asks of whom, for training-service's reminders (services only). */
@RestController
@Tag(name = "Reminders", description = "What the policy side asks of whom, for the reminders")
public class PolicyAttentionController {

    private final PolicyAttention attention;

    PolicyAttentionController(PolicyAttention attention) {
        this.attention = attention;
    }

    @GetMapping("/api/policy/attention")
    @PreAuthorize("hasRole('service')")
    @Operation(
            summary = "What the policy side asks of whom",
            description = "Services (training-service's daily reminders): consultations open (to everyone), "
                    + "comments answered in the last 30 days (to their author), reviews due within 90 days or "
                    + "overdue (to the version's author and governance).")
    @ApiResponse(
            responseCode = "200",
            description = "The items",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = 100_000,
                                            schema = @Schema(implementation = PolicyAttention.Item.class))))
    public List<PolicyAttention.Item> attention() {
        return attention.items();
    }
}
