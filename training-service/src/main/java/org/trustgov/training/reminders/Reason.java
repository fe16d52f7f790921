package org.trustgov.training.reminders;

/**
 * Why a person is told something. A mandatory notice cannot be switched off (the message says why); an urgent one
 * never waits for a weekly digest.
 */
public enum Reason {
    ASSIGNED("training.assigned", true, false, "A training module has been assigned to you"),
    DUE_SOON("training.due-soon", false, false, "Training due soon"),
    DUE_TODAY("training.due-today", true, true, "Training due today"),
    OVERDUE("training.overdue", true, true, "Statutory training overdue"),
    TEAM_OVERDUE("training.team-overdue", false, false, "Your team's overdue training"),
    ACKNOWLEDGEMENT_OWED("policy.acknowledgement-owed", true, false, "A policy to read and acknowledge"),
    ACKNOWLEDGEMENT_OVERDUE("policy.acknowledgement-overdue", true, true, "Policy acknowledgement overdue"),
    CASE_INVESTIGATOR("incident.investigator-assigned", true, true, "A case needs your attention"),
    CASE_ACTION("incident.action-assigned", true, false, "A case needs your attention"),
    CASE_ACTION_OVERDUE("incident.action-overdue", true, true, "A case needs your attention"),
    CASE_OUTCOME("incident.outcome-decided", true, true, "A case needs your attention"),
    CASE_APPEAL("incident.appeal-lodged", true, true, "A case needs your attention"),
    SIGNAL_RAISED("incident.signal-raised", true, false, "Incidents are clustering: a signal on the reports page"),
    CASE_HELD_BY_LEAVER("incident.held-by-leaver", true, true, "A case waits on someone who has left the trust"),
    CONSULTATION_OPENED("policy.consultation-opened", false, false, "A policy open for your comments"),
    COMMENT_ANSWERED("policy.comment-answered", false, false, "Your comment has been answered"),
    REVIEW_DUE("policy.review-due", true, false, "A policy is due for review"),
    REVIEW_OVERDUE("policy.review-overdue", true, true, "A policy review is overdue");

    private final String code;
    private final boolean mandatory;
    private final boolean urgent;
    private final String heading;

    Reason(String code, boolean mandatory, boolean urgent, String heading) {
        this.code = code;
        this.mandatory = mandatory;
        this.urgent = urgent;
        this.heading = heading;
    }

    public String code() {
        return code;
    }

    /** Cannot be unsubscribed from: statutory and mandatory training is a condition of employment. */
    public boolean mandatory() {
        return mandatory;
    }

    /** Goes in the next daily message even for a person who chose a weekly digest. */
    public boolean urgent() {
        return urgent;
    }

    public String heading() {
        return heading;
    }
}
