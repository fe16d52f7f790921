package org.trustgov.audit.incidents;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.trustgov.keycloak.Caller;

/**
 * What a caller may see and do with one incident: the one place that decides it (views, workflow steps, appeals,
 * the answer to a report). A person's relation to the case comes first: the subject sees what a subject sees and
 * the reporter what a reporter sees, whatever their roles, and neither may take any step on their own case (no one
 * judges their own case). Governance not involved in the case sees everything and works it; auditors read
 * everything and change nothing; anyone else sees nothing.
 */
public final class IncidentAccess {

    /** How the caller stands to the incident. */
    public enum Relation {
        SUBJECT,
        REPORTER,
        NONE
    }

    /** Which view of the incident the caller gets. */
    public enum View {
        FULL,
        SUBJECT,
        REPORTER,
        NONE
    }

    /** What can be done to an incident. */
    public enum Action {
        READ,
        TRIAGE,
        ASSIGN_INVESTIGATOR,
        START_INVESTIGATION,
        ADD_ACTION,
        COMPLETE_ACTION,
        ADD_NOTE,
        RECORD_OUTCOME,
        CLOSE,
        ASK_REPORTER,
        CLOSE_AS_MALICIOUS,
        APPEAL;

        /** The steps of the investigation workflow, governance's to take. */
        static final Set<Action> WORKFLOW = EnumSet.of(
                TRIAGE,
                ASSIGN_INVESTIGATOR,
                START_INVESTIGATION,
                ADD_ACTION,
                COMPLETE_ACTION,
                ADD_NOTE,
                RECORD_OUTCOME,
                CLOSE,
                ASK_REPORTER,
                CLOSE_AS_MALICIOUS);
    }

    private final Relation relation;
    private final View view;
    private final boolean governance;

    private IncidentAccess(Relation relation, View view, boolean governance) {
        this.relation = relation;
        this.view = view;
        this.governance = governance;
    }

    public static IncidentAccess of(Caller caller, Incident incident) {
        Relation relation = caller.isPerson() && incident.isSubject(caller.staffNumber())
                ? Relation.SUBJECT
                : incident.isReporter(caller.logName()) ? Relation.REPORTER : Relation.NONE;
        View view = switch (relation) {
            case SUBJECT -> View.SUBJECT;
            case REPORTER -> View.REPORTER;
            case NONE -> caller.hasRole("governance") || caller.hasRole("auditor") ? View.FULL : View.NONE;
        };
        return new IncidentAccess(relation, view, caller.hasRole("governance"));
    }

    /** Whether the caller may see every incident of the trust (before any one is read). */
    public static boolean seesAll(Caller caller) {
        return caller.hasRole("governance") || caller.hasRole("auditor");
    }

    public Relation relation() {
        return relation;
    }

    public View view() {
        return view;
    }

    public boolean may(Action action) {
        if (action == Action.READ) {
            return view != View.NONE;
        }
        if (action == Action.APPEAL) {
            return relation == Relation.SUBJECT || (governance && relation == Relation.NONE);
        }
        return governance && relation == Relation.NONE;
    }

    /** 403, saying why, unless the caller may take {@code action}. */
    public void require(Action action) {
        if (may(action)) {
            return;
        }
        if (relation != Relation.NONE && Action.WORKFLOW.contains(action)) {
            throw new AccessDeniedException("You are the " + relation.name().toLowerCase() + " of this incident: "
                    + "you cannot take any step in it; another member of governance must");
        }
        throw new AccessDeniedException(
                action == Action.APPEAL
                        ? "Only the subject or governance may appeal"
                        : action == Action.READ
                                ? "Only governance, auditors, the subject and the reporter see an incident"
                                : "Only governance works an incident");
    }
}
