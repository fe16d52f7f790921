package org.trustgov.training.roster;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member of staff as HR's staff record holds them. The staff number is the key HR upserts by; the roster is
 * written only by {@link RosterUpsert} (bulk, idempotent), so this type is read-mostly.
 */
@Document("staff")
public class StaffMember {

    /**
     * The most departments the roster holds (a trust has tens to hundreds): a row naming one more is rejected, so
     * headcounts and compliance reports per department are bounded lists.
     */
    public static final int MAX_DEPARTMENTS = 2_000;

    /** Professional registration, e.g. NMC and a PIN; {@code null} for unregistered staff. */
    public record Registration(String body, String number) {}

    @Id
    private String staffNumber;

    private String name;
    private String workEmail;
    /** The work e-mail that the trust's mail relay refused for good, if it still is {@link #workEmail}. */
    private String bouncingEmail;

    @Indexed
    private String department;

    private String staffGroup;
    private Registration registration;

    @Indexed
    private String lineManagerStaffNumber;

    /** The line managers above this person, nearest first; kept by {@link ManagementChains}. */
    @Indexed
    private List<String> managers;

    private boolean active = true;
    private LocalDate leavingDate;
    private Instant createdAt;
    /** Latest completion per module code, written only by {@link RosterStandings}, for the compliance reports. */
    private Map<String, Standing> standings;
    /** The targeted refresher per module code, written only by {@code TargetedRefreshers}. */
    private Map<String, RefresherDue> refreshers;

    protected StaffMember() {}

    public StaffMember(String staffNumber, String name, String department, String staffGroup) {
        this.staffNumber = staffNumber;
        this.name = name;
        this.department = department;
        this.staffGroup = staffGroup;
    }

    public String getStaffNumber() {
        return staffNumber;
    }

    public String getName() {
        return name;
    }

    public String getWorkEmail() {
        return workEmail;
    }

    /** True when mail to the work e-mail was refused for good (an unknown mailbox): HR should correct it. */
    public boolean isEmailBouncing() {
        return workEmail != null && workEmail.equals(bouncingEmail);
    }

    /** Where mail reaches this person: their work address while they are active and it has not bounced. */
    public Optional<String> mailAddress() {
        return active && workEmail != null && !isEmailBouncing() ? Optional.of(workEmail) : Optional.empty();
    }

    public String getDepartment() {
        return department;
    }

    public String getStaffGroup() {
        return staffGroup;
    }

    public Registration getRegistration() {
        return registration;
    }

    public String getLineManagerStaffNumber() {
        return lineManagerStaffNumber;
    }

    public List<String> getManagers() {
        return managers == null ? List.of() : managers;
    }

    public boolean isActive() {
        return active;
    }

    public LocalDate getLeavingDate() {
        return leavingDate;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Map<String, Standing> getStandings() {
        return standings == null ? Map.of() : standings;
    }

    public Map<String, RefresherDue> getRefreshers() {
        return refreshers == null ? Map.of() : refreshers;
    }

    /** Whether a targeted refresher on module {@code moduleCode} was assigned to this person (outstanding or not). */
    public boolean hasRefresher(String moduleCode) {
        return getRefreshers().containsKey(moduleCode);
    }
}
