package org.trustgov.starter.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.json.JsonInputProperties;
import org.trustgov.starter.limits.RequestLimitProperties;

/**
 * The service's OpenAPI document, true to what the service does: its one server is the gateway's public address
 * (Swagger UI's "Try it out" goes through it), the bearer-token scheme every endpoint requires, the injected
 * {@link Caller} left out (it is the token, not a parameter), operation ids by subject and action
 * ({@link OperationIds}), the problem answers and rate-limit headers of every operation ({@link StandardAnswers})
 * and the limits the service enforces ({@link DeclaredLimits}).
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
@EnableConfigurationProperties({ServiceApiProperties.class, JsonInputProperties.class, RequestLimitProperties.class})
public class OpenApiAutoConfiguration {

    static final String BEARER = "bearer-jwt";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI serviceOpenApi(ServiceApiProperties api) {
        Server gateway = new Server()
                .url(api.publicUrl().toString())
                .description("The " + api.environment() + " gateway, the platform's only public entry")
                .extensions(Map.of("x-internal", false));
        return new OpenAPI()
                .info(new Info()
                        .title(api.title())
                        .description(api.description())
                        .version(api.version())
                        .contact(new Contact().name(api.contact()))
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                .servers(List.of(gateway))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description(
                                                "A Keycloak access token (a signed JWT, RS256) for realm nhs-trust with audience "
                                                        + "trust-api, valid for minutes and renewed with the refresh token. Each service checks "
                                                        + "its signature against the realm's keys, its issuer, audience and expiry, and refuses "
                                                        + "unsigned or other-algorithm tokens, as RFC8725 recommends. Browsers signed in at the "
                                                        + "gateway need none: the gateway relays their token.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    GlobalOperationCustomizer trustgovOperationIds() {
        return new OperationIds();
    }

    @Bean
    GlobalOpenApiCustomizer trustgovStandardAnswers(RequestLimitProperties requests) {
        return new StandardAnswers(requests.maxBodySize().toBytes());
    }

    @Bean
    GlobalOpenApiCustomizer trustgovDeclaredLimits(
            JsonInputProperties json,
            RequestLimitProperties requests,
            @Value("${spring.data.web.pageable.max-page-size:2000}") int maxPageSize) {
        return new DeclaredLimits(new DeclaredLimits.Limits(
                json.maxStringLength(),
                requests.maxParameterLength(),
                requests.maxParameterValues(),
                requests.maxBodySize().toBytes(),
                maxPageSize));
    }
}
