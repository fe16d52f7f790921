package org.trustgov.training.roster;

import java.time.Instant;
import java.time.LocalDate;

/** A roster entry as HR, governance and the person themselves read it. */
public record StaffRecord(
        String staffNumber,
        String name,
        String workEmail,
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
                m.getDepartment(),
                m.getStaffGroup(),
                m.getRegistration(),
                m.getLineManagerStaffNumber(),
                m.isActive(),
                m.getLeavingDate(),
                m.getCreatedAt());
    }
}
