package org.trustgov.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.trustgov.keycloak.test.TestJwtDecoderConfiguration;

/**
 * Every full-context test of a service starts the same way, so a service's tests all share one Spring context:
 * the whole service on a random port and its embedded store (profile {@code test}), tokens signed by the test key,
 * and the other services and Keycloak played by the one {@link OtherServices} WireMock, reset before each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestJwtDecoderConfiguration.class)
@ContextConfiguration(initializers = OtherServices.Initializer.class)
@ExtendWith(OtherServices.ResetBeforeEach.class)
public @interface IntegrationTest {}
