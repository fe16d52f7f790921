package org.trustgov.audit.incidents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/audit/incidents")
@Tag(name = "Incidents", description = "Conduct-breach incidents")
public class IncidentController {

    private final IncidentRepository incidents;

    IncidentController(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(summary = "List incidents", description = "Governance and auditors only.")
    public PagedModel<IncidentSummary> list(@PageableDefault(size = 50, sort = "reportedAt", direction = Sort.Direction.DESC) Pageable page) {
        return new PagedModel<>(incidents.findAll(page).map(IncidentSummary::of));
    }
}
