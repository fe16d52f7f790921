package org.trustgov.training.reminders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.trustgov.keycloak.Caller;
import org.trustgov.problem.NotFoundException;

@RestController
@Validated
@Tag(name = "Notifications", description = "Reminders: a person's list, their choices, unsubscribing, and the relay")
public class NotificationController {

    /** What a person may choose. */
    public record Choices(
            Preferences.Frequency digest, @Size(max = 10) Set<Reason> unsubscribed) {}

    /** A message the relay could not deliver: who and when, never the address. */
    public record DeadLetter(
            String id, String staffNumber, LocalDate day, String state, int attempts, String lastError) {}

    private final Inbox inbox;
    private final DigestRelay relay;
    private final ReminderDecisions decisions;
    private final ReminderSettings settings;
    private final Clock clock;

    NotificationController(
            Inbox inbox, DigestRelay relay, ReminderDecisions decisions, ReminderSettings settings, Clock clock) {
        this.inbox = inbox;
        this.relay = relay;
        this.decisions = decisions;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/api/training/my/notifications")
    @PreAuthorize("hasRole('staff')")
    @Operation(
            summary = "My notifications, newest first",
            description = "Everything decided for me, whether or not it was mailed, with how many are unread; each"
                    + " names the page of the web pages where it is settled (page, a path under the gateway).")
    public Inbox.Page mine(
            @Parameter(description = "How many, newest first")
                    @RequestParam(defaultValue = "20")
                    @Min(1)
                    @Max(Inbox.MAX_PAGE)
                    int size,
            Caller caller) {
        return inbox.mine(caller.staffNumber(), size);
    }

    @PostMapping("/api/training/my/notifications/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('staff')")
    @Operation(
            summary = "Mark one of my notifications read",
            description = "The id as my notifications list gives it; 404 for one that is not mine.")
    public void read(@PathVariable @Size(max = 200) String id, Caller caller) {
        inbox.read(caller.staffNumber(), id);
    }

    @PostMapping("/api/training/my/notifications/read")
    @PreAuthorize("hasRole('staff')")
    @Operation(summary = "Mark all my notifications read", description = "How many were unread.")
    public long readAll(Caller caller) {
        return inbox.readAll(caller.staffNumber());
    }

    @GetMapping("/api/training/my/notification-preferences")
    @PreAuthorize("hasRole('staff')")
    @Operation(
            summary = "My choices: daily or weekly digest, the optional reminders I switched off",
            description = "Defaults: daily, none off.")
    public Preferences preferences(Caller caller) {
        return inbox.preferences(caller.staffNumber());
    }

    @PutMapping("/api/training/my/notification-preferences")
    @PreAuthorize("hasRole('staff')")
    @Operation(
            summary = "Choose a daily or weekly digest and switch optional reminders off",
            description = "A weekly digest collects the non-urgent notices; urgent ones (due today, overdue "
                    + "statutory training) still come the next morning. Mandatory kinds cannot be switched off (400).")
    public Preferences choose(@RequestBody Choices choices, Caller caller) {
        return inbox.choose(caller.staffNumber(), choices.digest(), choices.unsubscribed());
    }

    @GetMapping(path = "/api/training/notifications/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(
            summary = "The page an unsubscribe link opens",
            description = "No sign-in: the link itself is the authority. It changes nothing (mail scanners open "
                    + "links); its button sends the one-click POST.")
    @ApiResponse(
            responseCode = "200",
            description = "A page with one button",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_HTML_VALUE,
                            schema = @Schema(type = "string", maxLength = 4000)))
    public String unsubscribePage(
            @Parameter(description = "The signed link from the message")
                    @RequestParam
                    @Size(max = 512)
                    @Pattern(regexp = "[A-Za-z0-9_.-]*")
                    String link) {
        String action = "/api/training/notifications/unsubscribe?link=" + HtmlUtils.htmlEscape(link);
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stop optional reminders</title>"
                + "<link rel=\"stylesheet\" href=\"/css/trust.css\"></head><body><main><h1>Stop optional reminders</h1>"
                + "<p>This stops the optional reminders that message carried. "
                + HtmlUtils.htmlEscape(ReminderMail.MANDATORY_NOTE)
                + "</p><form method=\"post\" action=\"" + action + "\">"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Stop them</button></form></main></body></html>";
    }

    @PostMapping(path = "/api/training/notifications/unsubscribe", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(
            summary = "One-click unsubscribe (RFC 8058)",
            description = "No sign-in: the signed link names the person and the optional kinds. 400 for a link this "
                    + "service did not issue, 409 for one used before; nothing changes then.")
    @ApiResponse(
            responseCode = "200",
            description = "What was switched off",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_PLAIN_VALUE,
                            schema = @Schema(type = "string", maxLength = 500)))
    public String unsubscribe(
            @Parameter(description = "The signed link from the message")
                    @RequestParam
                    @Size(max = 512)
                    @Pattern(regexp = "[A-Za-z0-9_.-]*")
                    String link) {
        Set<Reason> off = inbox.unsubscribe(link);
        return off.isEmpty()
                ? "Nothing to switch off: that message carried only mandatory notices.\n"
                : "Done: you will no longer receive these optional reminders: "
                        + off.stream().map(Reason::heading).sorted().toList() + ". Change this on your home page.\n";
    }

    @GetMapping("/api/training/reminders/rules")
    @PreAuthorize("hasAnyRole('governance', 'auditor')")
    @Operation(summary = "The reminder rules in force", description = "Governance and auditors: trustgov.reminders.*.")
    public ReminderSettings rules() {
        return settings;
    }

    @PostMapping("/api/training/reminders/run")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Decide and send today's reminders now",
            description = "Governance: what the daily run does, at once (deciding twice on one day adds nothing)."
                    + " Answers once the day's notices are decided (each person sees theirs on the web pages from"
                    + " then); each person's message is then composed and sent in the background at send-rate.")
    public ReminderDecisions.Run runNow() {
        ReminderDecisions.Run run =
                decisions.decide(clock.instant().atZone(ZoneOffset.UTC).toLocalDate());
        relay.composeAndSendSoon();
        return run;
    }

    @GetMapping("/api/training/reminders/dead-letters")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Reminder messages that could not be delivered",
            description = "Governance: dead letters (attempts used up) and bounces (an address refused for good).")
    @ApiResponse(
            responseCode = "200",
            description = "Newest first, at most 200",
            content =
                    @Content(array = @ArraySchema(maxItems = 200, schema = @Schema(implementation = DeadLetter.class))))
    public List<DeadLetter> deadLetters() {
        return relay.deadLetters(200).stream()
                .map(d -> new DeadLetter(
                        d.id(),
                        d.staffNumber(),
                        d.day(),
                        d.state().name(),
                        d.attempts(),
                        DigestRelay.withoutAddresses(d.lastError())))
                .toList();
    }

    @PostMapping("/api/training/reminders/dead-letters/{id}/resend")
    @PreAuthorize("hasRole('governance')")
    @Operation(
            summary = "Send a dead letter again",
            description = "Governance: to the person's address now. 404 if there is no such dead letter.")
    public ResponseEntity<Void> resend(@PathVariable @Size(max = 100) String id) {
        if (!relay.resend(id)) {
            throw new NotFoundException("No undelivered reminder message " + id);
        }
        return ResponseEntity.accepted().build();
    }
}
