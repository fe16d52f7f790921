package org.trustgov.keycloak.servlet;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trustgov.keycloak.Caller;
import org.trustgov.keycloak.KeycloakJwtAuthenticationConverter;
import org.trustgov.keycloak.test.TestTokens;

class CallerArgumentResolverTest {

    @RestController
    static class WhoAmI {
        @GetMapping("/who")
        String who(Caller caller) {
            return caller.staffNumber() + " " + caller.department() + " " + caller.hasRole("line-manager");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new WhoAmI())
            .setCustomArgumentResolvers(new CallerArgumentResolver())
            .build();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aControllerReceivesTheCallerOfTheValidatedToken() throws Exception {
        String token = TestTokens.person("chris.manager", "10000005", "Acute Medicine", "staff", "line-manager");
        SecurityContextHolder.getContext()
                .setAuthentication(new KeycloakJwtAuthenticationConverter()
                        .convert(TestTokens.decoder().decode(token)));

        mvc.perform(get("/who")).andExpect(status().isOk()).andExpect(content().string("10000005 Acute Medicine true"));
    }

    @Test
    void withoutAnAuthenticatedTokenThereIsNoCaller() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mvc.perform(get("/who")))
                .hasRootCauseInstanceOf(
                        org.springframework.security.authentication.AuthenticationCredentialsNotFoundException.class);
    }
}
