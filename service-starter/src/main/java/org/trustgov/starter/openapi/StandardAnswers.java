package org.trustgov.starter.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.trustgov.starter.problem.ProblemDetailsAdvice;

/**
 * The answers every operation can give besides its own, as the platform gives them: RFC 9457 problem bodies for
 * 400, 401, 403, 429 and 500 (and 413 and 415 where a body is read), the gateway's rate-limit headers on every
 * 2xx and 4xx answer, {@code Retry-After} on a 429, and the CORS header the gateway gives allowed origins. Answers a controller declares itself are kept.
 */
final class StandardAnswers implements GlobalOpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";

    private final long maxBodyBytes;

    StandardAnswers(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().values().forEach(path -> path.readOperations().forEach(this::declare));
    }

    private void declare(Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        add(responses, "400", "Invalid request: the problem's `errors` name each field or parameter and why");
        add(responses, "401", "No valid access token (missing, expired, wrong issuer or audience)");
        add(responses, "403", "The caller's roles or relation to the record do not allow this");
        if (operation.getRequestBody() != null) {
            add(responses, "413", "The request body is larger than " + maxBodyBytes + " bytes");
            add(responses, "415", "The body is not of a media type this operation reads");
        }
        add(responses, "429", "Too many requests from this caller; `Retry-After` says when to try again");
        add(
                responses,
                "500",
                "A fault in the service; the problem carries no detail of it, the log has the request id");
        responses.forEach((status, response) -> {
            if (status.startsWith("2") || status.startsWith("4")) {
                response.addHeaderObject(
                        LIMIT,
                        new Header()
                                .description("Requests a caller may send at once before "
                                        + "the sustained rate applies (the gateway's limit for every caller)")
                                .schema(new IntegerSchema()
                                        .minimum(BigDecimal.ONE)
                                        .maximum(BigDecimal.valueOf(Integer.MAX_VALUE))));
                response.addHeaderObject(
                        ALLOW_ORIGIN,
                        new Header()
                                .description("Only for a page on one of the origins "
                                        + "the gateway allows (trustgov.gateway.cors.allowed-origins, none by default); cookies are "
                                        + "never accepted cross-site")
                                .schema(new StringSchema().format("uri").maxLength(2000)));
                response.addHeaderObject(
                        REMAINING,
                        new Header()
                                .description(
                                        "Requests this caller may still send "
                                                + "at once; absent when the gateway refused the request before knowing the caller")
                                .schema(new IntegerSchema()
                                        .minimum(BigDecimal.ZERO)
                                        .maximum(BigDecimal.valueOf(Integer.MAX_VALUE))));
            }
        });
        responses
                .get("429")
                .addHeaderObject(
                        "Retry-After",
                        new Header()
                                .description("Seconds until the caller may try again")
                                .schema(new IntegerSchema()
                                        .minimum(BigDecimal.ONE)
                                        .maximum(BigDecimal.valueOf(86_400))));
    }

    private static void add(ApiResponses responses, String status, String description) {
        ApiResponse response = responses.get(status);
        if (response == null) {
            responses.addApiResponse(
                    status, new ApiResponse().description(description).content(problemContent()));
        } else if (response.getContent() == null || response.getContent().isEmpty()) {
            response.content(problemContent());
        }
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(
                        PROBLEM_MEDIA_TYPE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    /** RFC 9457's members as the services fill them, and the field errors of a validation problem. */
    private static Schema<?> problemSchema() {
        Map<String, Schema> fieldError = new LinkedHashMap<>();
        fieldError.put(
                "field", new StringSchema().maxLength(200).description("The field or parameter, by its JSON name"));
        fieldError.put("message", new StringSchema().maxLength(2000).description("What is wrong with it"));
        Map<String, Schema> members = new LinkedHashMap<>();
        members.put(
                "type", new StringSchema().format("uri").maxLength(2000).description("Identifies the kind of problem"));
        members.put("title", new StringSchema().maxLength(200).description("The kind of problem, in words"));
        members.put(
                "status", new IntegerSchema().minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)));
        members.put("detail", new StringSchema().maxLength(2000).description("What went wrong with this request"));
        members.put(
                "instance",
                new StringSchema().format("uri-reference").maxLength(2000).description("The request's path"));
        members.put(
                "errors",
                new ArraySchema()
                        .maxItems(ProblemDetailsAdvice.MAX_FIELD_ERRORS)
                        .items(new ObjectSchema().properties(fieldError)));
        return new ObjectSchema().description("An RFC 9457 problem").properties(members);
    }
}
