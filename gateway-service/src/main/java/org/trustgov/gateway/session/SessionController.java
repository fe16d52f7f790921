package org.trustgov.gateway.session;

import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the web pages need to know about the signed-in person; no token ever leaves the gateway. */
@RestController
class SessionController {

    @GetMapping("/session/me")
    Map<String, Object> me(@AuthenticationPrincipal OidcUser user) {
        if (user == null) {
            return Map.of("authenticated", false);
        }
        return Map.of(
                "authenticated", true,
                "name", String.valueOf(user.getFullName()),
                "username", String.valueOf(user.getPreferredUsername()),
                "staffNumber", String.valueOf(user.getClaimAsString("staff_number")),
                "department", String.valueOf(user.getClaimAsString("department")));
    }
}
