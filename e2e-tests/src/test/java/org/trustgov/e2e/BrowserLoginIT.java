package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The backend-for-frontend login as a browser goes through it: the gateway sends the browser to Keycloak's login
 * page (authorization code + PKCE), the user signs in there, Keycloak sends the browser back with a code, and
 * from then on the browser holds only the gateway's session cookie: API calls with that cookie reach the
 * services with the user's token relayed by the gateway.
 */
@StartedPlatform
class BrowserLoginIT {

    private static final Pattern FORM_ACTION =
            Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    @Test
    void aNurseSignsInAtTheGatewayAndCallsTheApiWithHerSessionAlone() {
        Http browser = Http.browser();

        HttpResponse<String> loginPage = browser.get(Platform.GATEWAY + "/oauth2/authorization/keycloak", null);
        assertThat(loginPage.uri().toString()).startsWith(Platform.REALM + "/protocol/openid-connect/auth");
        assertThat(loginPage.uri().getQuery()).contains("code_challenge_method=S256");
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        assertThat(action.find()).as("Keycloak's login form").isTrue();

        HttpResponse<String> back = browser.postForm(
                action.group(1).replace("&amp;", "&"),
                Map.of("username", "alex.nurse", "password", Http.PASSWORD, "credentialId", ""));
        assertThat(back.uri().toString()).startsWith(Platform.GATEWAY + "/");
        assertThat(back.body()).doesNotContain("access_token");

        HttpResponse<String> me = browser.get(Platform.GATEWAY + "/session/me", null);
        assertThat(Http.json(me).get("staffNumber").asString()).isEqualTo("10000001");

        HttpResponse<String> api = browser.get(Platform.GATEWAY + "/api/policy/policies", null);
        assertThat(api.statusCode()).isEqualTo(200);
    }

    @Test
    void aPageWithoutASessionRedirectsToLoginButAnApiPathDoesNot() {
        Http browser = Http.browser();

        assertThat(browser.get(Platform.GATEWAY + "/session/me", null).body()).contains("\"authenticated\":false");
        assertThat(browser.get(Platform.GATEWAY + "/api/policy/policies", null).statusCode())
                .isEqualTo(401);
    }
}
