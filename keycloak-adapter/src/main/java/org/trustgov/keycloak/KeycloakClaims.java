package org.trustgov.keycloak;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/** Reads Keycloak's nested role claims defensively: a missing or oddly shaped claim means "no roles". */
final class KeycloakClaims {

    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    private KeycloakClaims() {}

    static Set<String> realmRoles(Jwt jwt) {
        return rolesIn(jwt.getClaim("realm_access"));
    }

    static Map<String, Set<String>> clientRoles(Jwt jwt) {
        Object resourceAccess = jwt.getClaim("resource_access");
        if (!(resourceAccess instanceof Map<?, ?> clients)) {
            return Map.of();
        }
        Map<String, Set<String>> result = new LinkedHashMap<>();
        clients.forEach((client, access) -> {
            Set<String> roles = rolesIn(access);
            if (!roles.isEmpty()) {
                result.put(String.valueOf(client), roles);
            }
        });
        return result;
    }

    private static Set<String> rolesIn(Object access) {
        if (access instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> roles) {
            Set<String> result = new LinkedHashSet<>();
            roles.forEach(r -> result.add(String.valueOf(r)));
            return Collections.unmodifiableSet(result);
        }
        return Set.of();
    }
}
