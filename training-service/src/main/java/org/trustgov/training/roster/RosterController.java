package org.trustgov.training.roster;

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
@RequestMapping("/api/training/staff")
@Tag(name = "Staff roster", description = "The staff roster HR pushes in")
public class RosterController {

    private final StaffRepository staff;

    RosterController(StaffRepository staff) {
        this.staff = staff;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('hr-integration', 'governance')")
    @Operation(summary = "Read the staff roster", description = "HR integration and governance only.")
    public PagedModel<StaffRecord> list(@PageableDefault(size = 100, sort = "_id", direction = Sort.Direction.ASC) Pageable page) {
        return new PagedModel<>(staff.findAll(page).map(StaffRecord::of));
    }
}
