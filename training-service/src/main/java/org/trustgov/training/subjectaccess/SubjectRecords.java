package org.trustgov.training.subjectaccess;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import org.trustgov.training.attempts.Attempt;
import org.trustgov.training.attempts.AttemptService;
import org.trustgov.training.overrides.TrainingOverride;
import org.trustgov.training.overrides.TrainingOverrides;
import org.trustgov.training.reminders.Inbox;
import org.trustgov.training.roster.RosterQueries;
import org.trustgov.training.roster.StaffMember;

/**
 * Everything training-service holds about one person, for their subject access bundle (audit-service assembles the
 * bundle across the services): their roster record, every attempt with its completion and certificate, the transfers
 * and exemptions recorded for them, and the notifications decided for them. Other people appear by role only: their
 * line manager as "their line manager", who recorded or decided an override as "governance" or "the HR system".
 */
@Service
public class SubjectRecords {

    /** The most items of one kind a bundle carries from this service. */
    public static final int MAX_ITEMS = 5000;

    public record RosterEntry(
            String staffNumber,
            String name,
            String workEmail,
            String department,
            String staffGroup,
            String registrationBody,
            String registrationNumber,
            String lineManager,
            boolean active,
            LocalDate leavingDate,
            Instant onRosterSince) {}

    public record AttemptItem(
            String id,
            String moduleCode,
            int moduleVersion,
            String status,
            Instant startedAt,
            Instant submittedAt,
            Integer score,
            Boolean passed,
            String certificateId,
            String policyVersion,
            Instant completedAt,
            Instant expiresAt,
            String completionEventId) {}

    public record OverrideItem(
            String id,
            String moduleCode,
            String kind,
            String sourceOrganisation,
            LocalDate earnedOn,
            String reason,
            LocalDate expiresOn,
            String evidenceReference,
            String recordedBy,
            Instant recordedAt,
            String status,
            String decidedBy,
            Instant decidedAt,
            String refusal,
            Instant countsUntil) {}

    /** What training-service holds about one person. */
    public record TrainingRecords(
            String staffNumber,
            RosterEntry roster,
            @Size(max = MAX_ITEMS) List<AttemptItem> attempts,
            @Size(max = MAX_ITEMS) List<OverrideItem> overrides,
            @Size(max = MAX_ITEMS) List<Inbox.Item> notifications) {}

    private final RosterQueries roster;
    private final AttemptService attempts;
    private final TrainingOverrides overrides;
    private final Inbox inbox;

    SubjectRecords(RosterQueries roster, AttemptService attempts, TrainingOverrides overrides, Inbox inbox) {
        this.roster = roster;
        this.attempts = attempts;
        this.overrides = overrides;
        this.inbox = inbox;
    }

    public TrainingRecords of(String staffNumber) {
        RosterEntry entry = roster.find(staffNumber).map(SubjectRecords::entry).orElse(null);
        List<AttemptItem> attempted = attempts.allOf(staffNumber, MAX_ITEMS).stream()
                .map(SubjectRecords::item)
                .toList();
        List<OverrideItem> overridden = overrides.list(null, staffNumber).stream()
                .map(SubjectRecords::item)
                .toList();
        return new TrainingRecords(staffNumber, entry, attempted, overridden, inbox.all(staffNumber, MAX_ITEMS));
    }

    private static RosterEntry entry(StaffMember m) {
        return new RosterEntry(
                m.getStaffNumber(),
                m.getName(),
                m.getWorkEmail(),
                m.getDepartment(),
                m.getStaffGroup(),
                m.getRegistration() == null ? null : m.getRegistration().body(),
                m.getRegistration() == null ? null : m.getRegistration().number(),
                m.getLineManagerStaffNumber() == null ? null : "their line manager",
                m.isActive(),
                m.getLeavingDate(),
                m.getCreatedAt());
    }

    private static AttemptItem item(Attempt a) {
        Attempt.Completion c = a.getCompletion();
        return new AttemptItem(
                a.getId(),
                a.getModuleCode(),
                a.getModuleVersion(),
                a.getStatus().name(),
                a.getStartedAt(),
                a.getSubmittedAt(),
                a.getScore(),
                a.getPassed(),
                c == null ? null : c.certificateId(),
                c == null ? null : c.policyVersion(),
                c == null ? null : c.completedAt(),
                c == null ? null : c.expiresAt(),
                a.getCompletionEventId());
    }

    private static OverrideItem item(TrainingOverride o) {
        return new OverrideItem(
                o.getId(),
                o.getModuleCode(),
                o.getKind().name(),
                o.getSourceOrganisation(),
                o.getEarnedOn(),
                o.getReason(),
                o.getExpiresOn(),
                o.getEvidenceReference(),
                o.getOrigin() == TrainingOverride.Origin.HR ? "the HR system" : "governance",
                o.getRecordedAt(),
                o.getStatus().name(),
                o.getDecidedBy() == null ? null : "governance",
                o.getDecidedAt(),
                o.getRefusal(),
                o.getExpiresAt());
    }
}
