package org.trustgov.training.roster;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.bson.Document;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.mongodb.core.MongoTemplate;
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
    private final MongoTemplate mongo;

    RosterController(StaffRepository staff, MongoTemplate mongo) {
        this.staff = staff;
        this.mongo = mongo;
    }

    @GetMapping("/headcount")
    @PreAuthorize("hasAnyRole('service', 'governance', 'hr-integration')")
    @Operation(summary = "Active staff per department",
            description = "Counted by MongoDB; leavers excluded. Other services (role service) use it for coverage reports.")
    public List<DepartmentHeadcount> headcount() {
        return mongo.aggregate(newAggregation(match(where("active").is(true)),
                        group("department").count().as("active"), sort(Sort.Direction.ASC, "_id")),
                StaffMember.class, Document.class).getMappedResults().stream()
                .map(d -> new DepartmentHeadcount(d.getString("_id"), ((Number) d.get("active")).longValue()))
                .toList();
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('hr-integration', 'governance')")
    @Operation(summary = "Read the staff roster", description = "HR integration and governance only.")
    public PagedModel<StaffRecord> list(@PageableDefault(size = 100, sort = "_id", direction = Sort.Direction.ASC) Pageable page) {
        return new PagedModel<>(staff.findAll(page).map(StaffRecord::of));
    }
}
