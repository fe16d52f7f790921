package org.trustgov.training.roster;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A roster entry as HR, governance and the person themselves read it; {@code workEmailBouncing}: the trust's mail
 * relay refused the work e-mail for good, so reminders do not reach the person until HR corrects it.
 */
public record StaffRecord(
        String staffNumber,
        String name,
        String workEmail,
        boolean workEmailBouncing,
        String department,
        String staffGroup,
        StaffMember.Registration registration,
        String lineManagerStaffNumber,
        boolean active,
        LocalDate leavingDate,
        Instant createdAt) {

    static StaffRecord of(StaffMember m) {
        return new StaffRecord(
                m.getStaffNumber(),
                m.getName(),
                m.getWorkEmail(),
                m.isEmailBouncing(),
                m.getDepartment(),
                m.getStaffGroup(),
                m.getRegistration(),
                m.getLineManagerStaffNumber(),
                m.isActive(),
                m.getLeavingDate(),
                m.getCreatedAt());
    }
}
