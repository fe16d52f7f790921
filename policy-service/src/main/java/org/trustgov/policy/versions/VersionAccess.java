package org.trustgov.policy.versions;

import org.trustgov.keycloak.Caller;

/**
 * Who may see and do what with a policy version, in one place. Published, superseded and retired versions and
 * versions in consultation are for anyone signed in; drafts are for policy authors and governance, and approved
 * versions waiting to be published for them and the platform's services (training-service flags the modules an
 * approved change touches). Approving is governance's, and never for anyone who wrote the version (four
 * eyes, {@link PolicyVersion#mayApprove}).
 */
public final class VersionAccess {

    private VersionAccess() {}

    public static boolean maySee(Caller caller, VersionStatus status) {
        return switch (status) {
            case PUBLISHED, SUPERSEDED, RETIRED, IN_REVIEW -> true;
            case DRAFT -> caller.hasRole("policy-author") || caller.hasRole("governance");
            case APPROVED ->
                caller.hasRole("policy-author") || caller.hasRole("governance") || caller.hasRole("service");
        };
    }

    /** Whether the caller could approve this version now, were its comments all resolved. */
    public static boolean mayApprove(Caller caller, PolicyVersion version, VersionStatus status) {
        return status == VersionStatus.IN_REVIEW
                && caller.hasRole("governance")
                && version.mayApprove(Person.of(caller));
    }
}
