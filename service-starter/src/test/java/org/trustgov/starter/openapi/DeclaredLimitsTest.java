package org.trustgov.starter.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DeclaredLimitsTest {

    private final DeclaredLimits limits =
            new DeclaredLimits(new DeclaredLimits.Limits(50_000, 200, 20, 1_048_576, 200));

    @Test
    void aPageHoldsAtMostTheSizeItsOperationAcceptsAndUnboundedFieldsGetTheReadersLimits() {
        OpenAPI api = new OpenAPI()
                .components(
                        new Components().addSchemas("PagedModelOutcome", page()).addSchemas("PagedModelPolicy", page()))
                .paths(new Paths()
                        .addPathItem(
                                "/outcomes",
                                get(
                                        "PagedModelOutcome",
                                        new IntegerSchema()
                                                .minimum(BigDecimal.ONE)
                                                .maximum(BigDecimal.valueOf(1000))))
                        .addPathItem("/policies", get("PagedModelPolicy", new IntegerSchema().format(null))));

        limits.customise(api);

        Schema<?> outcomes = api.getComponents().getSchemas().get("PagedModelOutcome");
        Schema<?> policies = api.getComponents().getSchemas().get("PagedModelPolicy");
        assertThat(((Schema<?>) outcomes.getProperties().get("content")).getMaxItems())
                .isEqualTo(1000);
        assertThat(((Schema<?>) policies.getProperties().get("content")).getMaxItems())
                .isEqualTo(200);
        assertThat(((Schema<?>) outcomes.getProperties().get("title")).getMaxLength())
                .isEqualTo(50_000);
        Parameter size =
                api.getPaths().get("/policies").getGet().getParameters().get(0);
        assertThat(size.getSchema().getMaximum()).isEqualByComparingTo("200");
        assertThat(size.getSchema().getFormat()).isEqualTo("int32");
    }

    private static Schema<?> page() {
        return new ObjectSchema()
                .addProperty("content", new ArraySchema().items(new ObjectSchema()))
                .addProperty("title", new StringSchema());
    }

    private static PathItem get(String answer, Schema<?> sizeSchema) {
        return new PathItem()
                .get(new Operation()
                        .addParametersItem(
                                new Parameter().name("size").in("query").schema(sizeSchema))
                        .responses(new ApiResponses()
                                .addApiResponse(
                                        "200",
                                        new ApiResponse()
                                                .content(new Content()
                                                        .addMediaType(
                                                                "application/json",
                                                                new MediaType()
                                                                        .schema(new Schema<>()
                                                                                .$ref("#/components/schemas/"
                                                                                        + answer)))))));
    }
}
