package org.trustgov.keycloak.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** For full-context tests of the gateway: trust {@link TestTokens}' key instead of fetching Keycloak's. */
@TestConfiguration(proxyBeanMethods = false)
public class TestReactiveJwtDecoderConfiguration {

    @Bean
    @Primary
    ReactiveJwtDecoder testReactiveJwtDecoder() {
        return token -> Mono.fromCallable(() -> TestTokens.decoder().decode(token));
    }
}
