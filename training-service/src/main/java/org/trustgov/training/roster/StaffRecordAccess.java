package org.trustgov.training.roster;

import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.trustgov.auditclient.access.AccessLog;
import org.trustgov.auditclient.access.AccessRecord.What;
import org.trustgov.keycloak.Caller;
import org.trustgov.training.TrainingSettings;

/**
 * Who may read which of a person's records, in one place, decided from the caller alone before anything is looked
 * up (a refusal says nothing about whether the staff number exists):
 * <ul>
 * <li>the roster entry: the person, governance, HR;</li>
 * <li>their compliance: the person, their line managers up the chain (the roster's {@code lineManagerStaffNumber}
 *     links), governance, and the service clients that take incident snapshots ({@code trustgov.training
 *     .snapshot-clients}: audit-service);</li>
 * <li>a certificate: its holder, governance, HR;</li>
 * <li>an attempt: the person who started it.</li>
 * </ul>
 */
@Component
public class StaffRecordAccess {

    /** The kinds of record about one person. */
    public enum Record {
        ROSTER_ENTRY,
        COMPLIANCE,
        CERTIFICATE,
        ATTEMPT
    }

    private final RosterQueries roster;
    private final List<String> snapshotClients;

    private final AccessLog accessLog;

    StaffRecordAccess(RosterQueries roster, TrainingSettings settings, AccessLog accessLog) {
        this.roster = roster;
        this.accessLog = accessLog;
        this.snapshotClients = settings.snapshotClients();
    }

    public boolean may(Caller caller, Record record, String staffNumber) {
        boolean own = caller.isPerson() && staffNumber != null && staffNumber.equals(caller.staffNumber());
        return switch (record) {
            case ATTEMPT -> own;
            case ROSTER_ENTRY, CERTIFICATE -> own || caller.hasRole("governance") || caller.hasRole("hr-integration");
            case COMPLIANCE ->
                own
                        || caller.hasRole("governance")
                        || (caller.serviceAccount()
                                && caller.hasRole("service")
                                && snapshotClients.contains(caller.clientId()))
                        || (caller.isPerson()
                                && caller.hasRole("line-manager")
                                && caller.staffNumber() != null
                                && staffNumber != null
                                && roster.reportsTo(staffNumber, caller.staffNumber()));
        };
    }

    /**
     * 403 unless the caller may read this record of {@code staffNumber}; the refusal is recorded ({@link AccessLog},
     * relayed to audit-service). A read is recorded by {@link #read} once the record is found (a certificate and an
     * attempt are found before they are checked, so for them here): a look-up of a record that does not exist, or
     * no longer does, names no one.
     */
    public void require(Caller caller, Record record, String staffNumber) {
        String subject = staffNumber != null && staffNumber.matches("[0-9]{8}") ? staffNumber : null;
        String recordId = subject == null ? "unknown" : subject;
        if (may(caller, record, staffNumber)) {
            if (record == Record.CERTIFICATE || record == Record.ATTEMPT) {
                read(caller, record, staffNumber);
            }
        } else {
            accessLog.refused(caller, what(record), recordId, subject);
            throw new AccessDeniedException(
                    switch (record) {
                        case ATTEMPT -> "An attempt is seen and submitted only by the person who started it";
                        case ROSTER_ENTRY -> "Only governance, HR and the person themselves may read this record";
                        case CERTIFICATE -> "A certificate is for its holder, governance and HR";
                        case COMPLIANCE ->
                            "Only the person, their line managers, governance and audit-service see a training record";
                    });
        }
    }

    /** Records a read of the record of {@code staffNumber}, found, unless by the person themselves. */
    public void read(Caller caller, Record record, String staffNumber) {
        accessLog.read(caller, what(record), staffNumber, staffNumber);
    }

    private static What what(Record record) {
        return switch (record) {
            case ROSTER_ENTRY -> What.STAFF_RECORD;
            case COMPLIANCE -> What.COMPLIANCE_RECORD;
            case CERTIFICATE -> What.CERTIFICATE;
            case ATTEMPT -> What.ATTEMPT;
        };
    }

    /**
     * The manager whose chain a team report covers: the caller, if a line manager (403 for anyone else). Their team
     * is everyone below them ({@link RosterQueries#underManager}).
     */
    public String teamManager(Caller caller) {
        if (!caller.isPerson() || !caller.hasRole("line-manager") || caller.staffNumber() == null) {
            throw new AccessDeniedException("The team report is for line managers");
        }
        return caller.staffNumber();
    }
}
