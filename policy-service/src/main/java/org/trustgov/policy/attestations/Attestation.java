package org.trustgov.policy.attestations;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member of staff's acknowledgement of a policy. One per person per major version (unique key): acknowledging
 * again is a no-op, a minor version needs nothing new, a new major version asks again.
 */
@Document("attestations")
@CompoundIndex(name = "policy_major_staff", def = "{'policyCode': 1, 'major': 1, 'staffNumber': 1}", unique = true)
@CompoundIndex(name = "policy_major_department", def = "{'policyCode': 1, 'major': 1, 'department': 1}")
public class Attestation {

    @Id
    private String id;
    private String policyCode;
    private int major;
    private String version;
    private String contentHash;
    private String staffNumber;
    private String department;
    private Instant at;

    protected Attestation() {
    }

    public Attestation(String policyCode, int major, String version, String contentHash, String staffNumber,
            String department, Instant at) {
        this.policyCode = policyCode;
        this.major = major;
        this.version = version;
        this.contentHash = contentHash;
        this.staffNumber = staffNumber;
        this.department = department;
        this.at = at;
    }

    public String getPolicyCode() { return policyCode; }
    public int getMajor() { return major; }
    public String getVersion() { return version; }
    public String getContentHash() { return contentHash; }
    public String getStaffNumber() { return staffNumber; }
    public String getDepartment() { return department; }
    public Instant getAt() { return at; }
}
