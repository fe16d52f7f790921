package org.trustgov.training.roster;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * One row of HR's roster upload (JSON array or CSV with these column names as its header). A leaver is
 * {@code active=false} with a leaving date; {@code active} left out means active.
 */
@Schema(example = """
        {"staffNumber":"10000001","name":"Alex Carter","workEmail":"alex.carter@trust.example.nhs.uk",
         "department":"Acute Medicine","staffGroup":"Nursing and Midwifery Registered","registrationBody":"NMC",
         "registrationNumber":"12A3456E","lineManagerStaffNumber":"10000005","active":true}""")
public record RosterRow(
        @NotBlank @Pattern(regexp = "[0-9]{8}", message = "must be eight digits")
        String staffNumber,

        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 254) String workEmail,
        @NotBlank @Size(max = 100) String department,
        @NotBlank @Size(max = 100) String staffGroup,

        @Pattern(
                regexp = "NMC|GMC|HCPC|GPhC|GDC|SWE|other",
                message = "must be NMC, GMC, HCPC, GPhC, GDC, SWE or other")
        String registrationBody,

        @Size(max = 30) String registrationNumber,

        @Pattern(regexp = "[0-9]{8}", message = "must be eight digits")
        String lineManagerStaffNumber,

        Boolean active,
        LocalDate leavingDate) {

    public static final String[] COLUMNS = {
        "staffNumber",
        "name",
        "workEmail",
        "department",
        "staffGroup",
        "registrationBody",
        "registrationNumber",
        "lineManagerStaffNumber",
        "active",
        "leavingDate"
    };

    public boolean isActive() {
        return active == null || active;
    }

    @AssertTrue(message = "a leaver (active=false) needs a leavingDate")
    @Schema(hidden = true)
    public boolean isLeavingDateGivenForLeavers() {
        return isActive() || leavingDate != null;
    }

    @AssertTrue(message = "registrationBody and registrationNumber go together")
    @Schema(hidden = true)
    public boolean isRegistrationComplete() {
        return (registrationBody == null) == (registrationNumber == null || registrationNumber.isBlank());
    }
}
