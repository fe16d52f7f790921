package org.trustgov.keycloak;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Maps Keycloak's role claims to Spring Security authorities.
 * <ul>
 *   <li>realm roles ({@code realm_access.roles}) become {@code ROLE_<role>}, so {@code hasRole('governance')} works;</li>
 *   <li>client roles ({@code resource_access.<client>.roles}) become {@code ROLE_<client>:<role>}, keeping the
 *       client in the name so a client role never passes for a realm role of the same name;</li>
 *   <li>OAuth2 scopes ({@code scope}) become {@code SCOPE_<scope>}, as Spring does by default.</li>
 * </ul>
 */
public class KeycloakAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String role : KeycloakClaims.realmRoles(jwt)) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
        }
        for (Map.Entry<String, Set<String>> client :
                KeycloakClaims.clientRoles(jwt).entrySet()) {
            for (String role : client.getValue()) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + client.getKey() + ":" + role));
            }
        }
        String scope = jwt.getClaimAsString("scope");
        if (scope != null) {
            for (String s : scope.split(" ")) {
                if (!s.isBlank()) {
                    authorities.add(new SimpleGrantedAuthority("SCOPE_" + s));
                }
            }
        }
        return authorities;
    }
}
