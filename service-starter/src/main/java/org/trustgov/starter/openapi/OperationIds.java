package org.trustgov.starter.openapi;

import io.swagger.v3.oas.models.Operation;
import java.beans.Introspector;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Operation ids that say what they do and stay stable: the controller's subject and the method,
 * {@code policy.list}, {@code version.publish}, {@code incident.appeal}, instead of springdoc's {@code list_1}.
 * An id given with {@code @Operation(operationId = ...)} is kept.
 */
final class OperationIds implements GlobalOperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        io.swagger.v3.oas.annotations.Operation declared =
                handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
        if (declared == null || declared.operationId().isBlank()) {
            operation.setOperationId(subject(handler.getBeanType().getSimpleName()) + "."
                    + handler.getMethod().getName());
        }
        return operation;
    }

    static String subject(String controllerName) {
        String subject = controllerName.endsWith("Controller")
                ? controllerName.substring(0, controllerName.length() - "Controller".length())
                : controllerName;
        return Introspector.decapitalize(subject);
    }
}
