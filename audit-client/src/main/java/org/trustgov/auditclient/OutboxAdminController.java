package org.trustgov.auditclient;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.problem.NotFoundException;

/** Governance's view of the events audit-service refused, and the action that sends one again. */
@RestController
@RequestMapping("${trustgov.outbox.admin-path:/api/outbox}")
@Validated
@Tag(name = "Audit outbox", description = "Events this service could not deliver to the audit log")
public class OutboxAdminController {

    /** A dead letter as governance sees it. */
    public record DeadLetter(
            String eventId,
            String action,
            String target,
            Instant occurredAt,
            Instant deadAt,
            int attempts,
            int refusals,
            String lastError) {

        static DeadLetter of(OutboxMessage m) {
            return new DeadLetter(
                    m.getEventId(),
                    m.getEvent().action(),
                    m.getEvent().target(),
                    m.getEvent().occurredAt(),
                    m.getDeadAt(),
                    m.getAttempts(),
                    m.getRefusals(),
                    m.getLastError());
        }
    }

    /** The outbox at a glance. */
    public record Status(long pending, Instant oldestPending, long deadLetters) {}

    private final OutboxRelay relay;

    OutboxAdminController(OutboxRelay relay) {
        this.relay = relay;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "How many audit events wait, since when, and how many were refused for good",
            description = "Governance and auditors.")
    public Status status() {
        return new Status(relay.pending(), relay.oldestPending(), relay.deadLetterCount());
    }

    @GetMapping("/dead-letters")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(
            summary = "Audit events audit-service refused (a 4xx) too many times",
            description = "Governance and auditors. Newest first. They are no longer retried on their own; see why in "
                    + "lastError, then send one again, or all of them.")
    public List<DeadLetter> deadLetters(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return relay.deadLetters(limit).stream().map(DeadLetter::of).toList();
    }

    /** How many dead letters went back into the outbox. */
    public record Resent(long resent, Status status) {}

    @PostMapping("/dead-letters/retry")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Send every dead letter again",
            description = "Governance. After an outage or a fix at "
                    + "audit-service: all of them go back into the outbox at once, their refusals counted from zero.")
    public Resent retryAll() {
        return new Resent(relay.retryAll(), status());
    }

    @PostMapping("/dead-letters/{eventId}/retry")
    @PreAuthorize("hasRole('governance')")
    @Operation(summary = "Send a dead letter again", description = "Governance. It goes back into the outbox at once.")
    public Status retry(
            @PathVariable @Pattern(regexp = "[A-Za-z0-9-]{8,64}", message = "must be an event id") String eventId) {
        if (!relay.retry(eventId)) {
            throw new NotFoundException("No dead letter " + eventId);
        }
        return status();
    }
}
