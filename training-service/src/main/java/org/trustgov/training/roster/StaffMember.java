package org.trustgov.training.roster;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A member of staff as HR's staff record holds them; the staff number is the key HR upserts by. */
@Document("staff")
public class StaffMember {

    @Id
    private String staffNumber;

    private String name;

    @Indexed
    private String department;

    private String staffGroup;

    private boolean active = true;

    @CreatedDate
    private Instant createdAt;

    @LastModifiedDate
    private Instant updatedAt;

    protected StaffMember() {
    }

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

    public String getDepartment() {
        return department;
    }

    public String getStaffGroup() {
        return staffGroup;
    }

    public boolean isActive() {
        return active;
    }
}
