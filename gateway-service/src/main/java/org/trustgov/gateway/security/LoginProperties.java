package org.trustgov.gateway.security;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's browser login against Keycloak ({@code trustgov.login.*}).
 *
 * @param clientId        the confidential client the gateway logs users in with
 * @param clientSecret    its secret (from the environment outside local demos)
 * @param browserIssuerUri the realm URL as browsers reach it; the login page and logout are sent there.
 *                        Defaults to {@code trustgov.keycloak.issuer-uri}, which the gateway uses server-to-server
 */
@ConfigurationProperties("trustgov.login")
public record LoginProperties(@DefaultValue("gateway") String clientId, String clientSecret, URI browserIssuerUri) {}
