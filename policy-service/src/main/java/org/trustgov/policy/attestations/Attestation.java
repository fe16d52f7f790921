package org.trustgov.policy.attestations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.auditclient.AuditEvent;

/**
 * A member of staff's acknowledgement of a policy. One per person per major version (unique key): acknowledging
 * again is a no-op, a minor version needs nothing new, a new major version asks again.
 */
@Document("attestations")
@CompoundIndex(name = "policy_major_staff", def = "{'policyCode': 1, 'major': 1, 'staffNumber': 1}", unique = true)
@CompoundIndex(name = "policy_major_department", def = "{'policyCode': 1, 'major': 1, 'department': 1}")
@CompoundIndex(name = "pending_audit_events", def = "{'pendingAuditEvents.eventId': 1}", sparse = true)
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
    /** The audit event of this acknowledgement until it is in the outbox; written with it, in one insert. */
    private List<AuditEvent> pendingAuditEvents = new ArrayList<>();

    protected Attestation() {}

    public Attestation(
            String policyCode,
            int major,
            String version,
            String contentHash,
            String staffNumber,
            String department,
            Instant at,
            AuditEvent event) {
        this.policyCode = policyCode;
        this.major = major;
        this.version = version;
        this.contentHash = contentHash;
        this.staffNumber = staffNumber;
        this.department = department;
        this.at = at;
        this.pendingAuditEvents.add(event);
    }

    public String getId() {
        return id;
    }

    public String getPolicyCode() {
        return policyCode;
    }

    public int getMajor() {
        return major;
    }

    public String getVersion() {
        return version;
    }

    public String getContentHash() {
        return contentHash;
    }

    public String getStaffNumber() {
        return staffNumber;
    }

    public String getDepartment() {
        return department;
    }

    public Instant getAt() {
        return at;
    }
}
