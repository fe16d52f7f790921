package org.trustgov.training.compliance;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.trustgov.keycloak.Caller;
import org.trustgov.training.TrainingSettings;
import org.trustgov.training.roster.RosterQueries;

/**
 * Who may read whose training record, in one place. A person reads their own; governance reads anyone's; a line
 * manager reads the people who report to them, directly or through managers below them (the roster's
 * {@code lineManagerStaffNumber} links); of the service clients only those that need it (audit-service, for the
 * training snapshot of an incident's subject). Decided from the caller before anything is looked up, so a refusal
 * says nothing about whether the staff number exists.
 */
@Component
public class TrainingRecordAccess {

    /** Whose records a caller may read as a report: everyone, some people, or only themselves. */
    public record Reach(boolean everyone, Set<String> staffNumbers) {
        public boolean covers(String staffNumber) {
            return everyone || staffNumbers.contains(staffNumber);
        }
    }

    private final RosterQueries roster;
    private final List<String> snapshotClients;

    TrainingRecordAccess(RosterQueries roster, TrainingSettings settings) {
        this.roster = roster;
        this.snapshotClients = settings.snapshotClients();
    }

    /** Whose single records the caller may read. */
    public Reach reach(Caller caller) {
        if (caller.hasRole("governance")) {
            return new Reach(true, Set.of());
        }
        if (caller.serviceAccount()) {
            return caller.hasRole("service") && snapshotClients.contains(caller.clientId())
                    ? new Reach(true, Set.of()) : new Reach(false, Set.of());
        }
        Set<String> reach = new HashSet<>();
        if (caller.staffNumber() != null) {
            reach.add(caller.staffNumber());
            if (caller.hasRole("line-manager")) {
                reach.addAll(roster.reportsOf(caller.staffNumber()));
            }
        }
        return new Reach(false, Set.copyOf(reach));
    }

    /** 403 unless the caller may read {@code staffNumber}'s training record. */
    public void requireRecord(Caller caller, String staffNumber) {
        if (!reach(caller).covers(staffNumber)) {
            throw new AccessDeniedException("Only the person, their line managers, governance and audit-service see "
                    + "a training record");
        }
    }

    /** The staff a line manager's team report covers: their reports (403 for anyone who manages no one). */
    public Set<String> team(Caller caller) {
        if (!caller.hasRole("line-manager") || caller.staffNumber() == null) {
            throw new AccessDeniedException("The team report is for line managers");
        }
        return roster.reportsOf(caller.staffNumber());
    }
}
