package org.trustgov.training.roster;

/** A roster entry as HR and governance read it. */
public record StaffRecord(String staffNumber, String name, String department, String staffGroup, boolean active) {

    static StaffRecord of(StaffMember member) {
        return new StaffRecord(member.getStaffNumber(), member.getName(), member.getDepartment(),
                member.getStaffGroup(), member.isActive());
    }
}
