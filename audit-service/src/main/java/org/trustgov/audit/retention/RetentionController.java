package org.trustgov.audit.retention;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Retention", description = "How long each class of record is kept, and what happens then")
public class RetentionController {

    /** The schedule in force: one rule a class of record. */
    public record Schedule(@ArraySchema(maxItems = 50) List<RetentionRule> rules) {}

    private final RetentionSchedule schedule;

    RetentionController(RetentionSchedule schedule) {
        this.schedule = schedule;
    }

    @GetMapping("/api/audit/retention")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "The retention schedule in force",
            description = "Governance and auditors. Every class of record the platform keeps, with its period, the "
                    + "event the period runs from, what happens at its end (DESTROY or REVIEW), whether disposal is "
                    + "automatic, the minimum the NHS Records Management Code of Practice sets, and the source of "
                    + "the rule: the Code's entry, or the trust's `trustgov.retention.rules.<class>` setting.")
    public Schedule retention() {
        return new Schedule(schedule.inForce());
    }
}
