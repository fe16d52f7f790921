package org.trustgov.starter.idempotency;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.util.Arrays;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/** Documents the {@code Idempotency-Key} header on every operation whose method takes an {@link IdempotencyKey}. */
final class IdempotencyKeyHeader implements GlobalOperationCustomizer {

    static final String DESCRIPTION = "Optional, and new for each change (a random UUID, say): the change sent again "
            + "with the same key, because its answer never came, is answered as the first sending was, with what it "
            + "made (`Idempotent-Replayed: true`), and nothing is made again; the same key sent with a different "
            + "change is 422. A key is its sender's own. "
            + IdempotencyKeys.DOCUMENTED_BOUNDS;

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> IdempotencyKey.class.equals(p.getParameterType()))) {
            operation.addParametersItem(new HeaderParameter()
                    .name(IdempotencyKeys.HEADER)
                    .required(false)
                    .description(DESCRIPTION)
                    .schema(new StringSchema()
                            .minLength(IdempotencyKeys.MIN_LENGTH)
                            .maxLength(IdempotencyKeys.MAX_LENGTH))
                    .example(IdempotencyKeys.EXAMPLE));
        }
        return operation;
    }
}
