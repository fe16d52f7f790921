package org.trustgov.training.reminders;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where on the web pages a notice is settled: the page its line on the start page opens, a path under the gateway.
 * A case's notice says nothing of the case (its subject is audit-service's opaque key), so it leads to the person's
 * to-do list on the start page, which names the case to whoever may see it, or to the records about them.
 */
final class NoticePages {

    private NoticePages() {}

    /**
     * @param subject       the notice's subject (a module code, {@code <code>/<major>}, {@code <code>/<version>}, a
     *                      policy code, a comment's id, a case's opaque key)
     * @param policyVersion {@code <code>/<version>} for a notice whose subject does not say it ({@code null}: unknown)
     * @return the page, or {@code null} when a notice decided before the policy version was kept cannot say which
     */
    static String of(Reason reason, String subject, String policyVersion) {
        return switch (reason) {
            case ASSIGNED, DUE_SOON, DUE_TODAY, OVERDUE -> "/training.html";
            case TEAM_OVERDUE -> "/compliance.html";
            case ACKNOWLEDGEMENT_OWED, ACKNOWLEDGEMENT_OVERDUE -> policy(before(subject));
            case REVIEW_DUE, REVIEW_OVERDUE -> policy(subject);
            case CONSULTATION_OPENED -> consultation(subject);
            case COMMENT_ANSWERED -> policyVersion == null ? null : consultation(policyVersion);
            case CASE_INVESTIGATOR, CASE_ACTION, CASE_ACTION_OVERDUE, CASE_APPEAL -> "/#todo";
            case CASE_OUTCOME -> "/my-records.html";
            case SIGNAL_RAISED -> "/reports.html";
            case CASE_HELD_BY_LEAVER -> "/incidents.html";
        };
    }

    private static String policy(String code) {
        return code == null ? null : "/policy.html?code=" + encoded(code);
    }

    /** {@code <code>/<version>}'s consultation page. */
    private static String consultation(String policyVersion) {
        int slash = policyVersion == null ? -1 : policyVersion.lastIndexOf('/');
        if (slash <= 0 || slash == policyVersion.length() - 1) {
            return null;
        }
        return "/consultation.html?code=" + encoded(policyVersion.substring(0, slash)) + "&version="
                + encoded(policyVersion.substring(slash + 1));
    }

    /** The policy code of {@code <code>/<major>}. */
    private static String before(String subject) {
        int slash = subject == null ? -1 : subject.lastIndexOf('/');
        return slash <= 0 ? subject : subject.substring(0, slash);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
