package org.trustgov.policy.resources;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.idempotency.IdempotencyKey;
import org.trustgov.starter.idempotency.IdempotencyKeys;
import org.trustgov.starter.idempotency.KeyedSending;

@RestController
@RequestMapping("/api/policy/resources")
@Tag(name = "Signposting resources", description = "Approved online resources to point service users to")
public class ResourceController {

    private final ResourceService resources;

    ResourceController(ResourceService resources) {
        this.resources = resources;
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(
            summary = "The approved resources",
            description = "Anyone signed in. Retired resources only for governance, "
                    + "with `retired=true`. Each carries its topic and when its address was last checked automatically "
                    + "(`linkCheck.at`); governance also sees whether it is broken (`linkCheck.broken`).")
    @ApiResponse(
            responseCode = "200",
            description = "The resources by name (the trust approves at most 1,000)",
            content =
                    @Content(
                            array =
                                    @ArraySchema(
                                            maxItems = SignpostingResource.MAX_RESOURCES,
                                            schema = @Schema(implementation = SignpostingResource.class))))
    public List<SignpostingResource> list(@RequestParam(defaultValue = "false") boolean retired, Caller caller) {
        if (retired && !caller.hasRole("governance")) {
            throw new AccessDeniedException("Only governance sees retired resources");
        }
        List<SignpostingResource> list = resources.list(retired);
        return caller.hasRole("governance")
                ? list
                : list.stream().map(SignpostingResource::seenByStaff).toList();
    }

    @PostMapping
    @PreAuthorize("hasRole('governance')")
    @ApiResponse(responseCode = "201", description = "Added, or added by an earlier sending with the same key")
    @Operation(summary = "Approve a new resource", description = "Governance. The URL must be http(s).")
    public ResponseEntity<SignpostingResource> create(
            @Valid @RequestBody ResourceRequest request, IdempotencyKey idempotencyKey, Caller caller) {
        KeyedSending.Made<SignpostingResource> added = resources.create(request, caller, idempotencyKey);
        return ResponseEntity.status(HttpStatus.CREATED)
                .headers(IdempotencyKeys.answerHeaders(added.replayed()))
                .body(added.made());
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('governance')")
    @Operation(summary = "Update a resource", description = "Governance.")
    public SignpostingResource update(
            @PathVariable String id, @Valid @RequestBody ResourceRequest request, Caller caller) {
        return resources.update(id, request, caller);
    }

    @PostMapping("/{id}/retire")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Retire a resource",
            description = "Governance. Staff no longer see it; it is kept with who "
                    + "retired it and when. 409 when already retired.")
    public SignpostingResource retire(@PathVariable String id, Caller caller) {
        return resources.retire(id, caller);
    }
}
