package org.trustgov.keycloak;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, read from a validated Keycloak access token. Controllers take it as a parameter;
 * object-level checks ("is this your own record?", "is this your department?") use it.
 *
 * @param subject        Keycloak's stable user id ({@code sub})
 * @param username       {@code preferred_username}
 * @param staffNumber    the {@code staff_number} claim; {@code null} for service accounts
 * @param department     the {@code department} claim; {@code null} for service accounts
 * @param realmRoles     realm roles, e.g. {@code staff}, {@code governance}
 * @param clientId       the client the token was issued to ({@code azp})
 * @param serviceAccount true when the token belongs to a client's service account (client credentials),
 *                       not to a person
 */
public record Caller(
        String subject,
        String username,
        String staffNumber,
        String department,
        Set<String> realmRoles,
        String clientId,
        boolean serviceAccount) {

    public Caller {
        realmRoles = Set.copyOf(realmRoles == null ? Set.of() : realmRoles);
    }

    /** Builds the caller from a token that has already passed signature, issuer, audience and expiry checks. */
    public static Caller from(Jwt jwt) {
        String username = jwt.getClaimAsString("preferred_username");
        String clientId = jwt.getClaimAsString("azp");
        // Keycloak names a client's service-account user "service-account-<clientId>".
        boolean serviceAccount = username != null
                && clientId != null
                && username.equals(KeycloakClaims.SERVICE_ACCOUNT_PREFIX + clientId);
        return new Caller(
                jwt.getSubject(),
                username,
                serviceAccount ? null : jwt.getClaimAsString("staff_number"),
                serviceAccount ? null : jwt.getClaimAsString("department"),
                new LinkedHashSet<>(KeycloakClaims.realmRoles(jwt)),
                clientId,
                serviceAccount);
    }

    public boolean hasRole(String realmRole) {
        return realmRoles.contains(realmRole);
    }

    /**
     * The department a report by department is limited to for this caller: {@code null} (every department) when they
     * hold one of {@code trustWideRoles}, else their own department (a line manager's); 403 naming {@code what} when
     * their token names none.
     */
    public String departmentSeen(String what, String... trustWideRoles) {
        for (String role : trustWideRoles) {
            if (hasRole(role)) {
                return null;
            }
        }
        if (department == null || department.isBlank()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "A line manager sees their own department's " + what + ", and your token names no department");
        }
        return department;
    }

    public boolean isPerson() {
        return !serviceAccount;
    }

    /**
     * What may be logged about the caller, and what records who did something: the staff number for people
     * ({@code staff:10000001}), the client id for services ({@code client:hr-system}). A person without a staff
     * number (an external auditor, say) is {@code person:<sub>}, Keycloak's stable id for them and no personal
     * data, so two such people are never one identity (each is the reporter of their own reports only).
     */
    public String logName() {
        if (serviceAccount) {
            return "client:" + clientId;
        }
        return staffNumber != null ? "staff:" + staffNumber : "person:" + subject;
    }
}
