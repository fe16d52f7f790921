package org.trustgov.starter.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * Declares in the document the limits the service enforces on everything it reads, wherever a field or parameter
 * declares no tighter one of its own (a {@code @Size}, {@code @Max} or enum is kept):
 * <ul>
 *   <li>a string is at most {@code trustgov.json.max-string-length} characters (the JSON reader refuses longer), or
 *       the length its format fixes (a date, an instant, a UUID); a path segment or query value at most
 *       {@code trustgov.web.max-parameter-length};</li>
 *   <li>an integer lies within its format's range (the reader refuses what overflows it); a page size within
 *       {@code spring.data.web.pageable.max-page-size}, and a page of records no longer;</li>
 *   <li>an array in a request body holds no more items than the body limit has room for, a repeated query
 *       parameter no more than {@code trustgov.web.max-parameter-values}.</li>
 * </ul>
 * A list answered by a bounded {@code limit} or {@code size} parameter holds at most that many items. Other arrays
 * in answers are left as the code declares them: their size is the service's own promise, not the reader's.
 */
final class DeclaredLimits implements GlobalOpenApiCustomizer {

    /** How the service limits what it reads. */
    record Limits(
            int maxStringLength, int maxParameterLength, int maxParameterValues, long maxBodyBytes, int maxPageSize) {}

    private static final Map<String, Integer> FORMAT_LENGTHS = Map.of("date", 10, "date-time", 35, "uuid", 36);

    private final Limits limits;

    DeclaredLimits(Limits limits) {
        this.limits = limits;
    }

    @Override
    public void customise(OpenAPI api) {
        Map<String, Schema> components =
                api.getComponents() == null || api.getComponents().getSchemas() == null
                        ? Map.of()
                        : api.getComponents().getSchemas();
        Set<String> requestSchemas = new HashSet<>();
        Map<String, Integer> pageSizes = new HashMap<>();
        if (api.getPaths() != null) {
            api.getPaths()
                    .values()
                    .forEach(path -> path.readOperations().forEach(operation -> {
                        if (operation.getRequestBody() != null) {
                            schemasOf(
                                    operation.getRequestBody().getContent(),
                                    s -> referenced(s, components, requestSchemas));
                        }
                        if (operation.getParameters() != null) {
                            operation.getParameters().forEach(this::bound);
                        }
                        if (operation.getRequestBody() != null) {
                            schemasOf(
                                    operation.getRequestBody().getContent(),
                                    s -> bound(s, true, limits.maxStringLength()));
                        }
                        Integer pageLimit = pageLimit(operation.getParameters());
                        if (operation.getResponses() != null) {
                            operation.getResponses().forEach((status, response) -> {
                                if (pageLimit != null && status.startsWith("2")) {
                                    schemasOf(response.getContent(), s -> {
                                        if (is(s, "array") && s.getMaxItems() == null) {
                                            s.setMaxItems(
                                                    pageLimit); // a list answer holds at most the limit it was asked
                                            // for
                                        } else if (s.get$ref() != null
                                                && s.get$ref().contains("/PagedModel")) {
                                            pageSizes.merge(
                                                    s.get$ref()
                                                            .substring(
                                                                    s.get$ref().lastIndexOf('/') + 1),
                                                    pageLimit,
                                                    Math::max);
                                        }
                                    });
                                }
                                schemasOf(response.getContent(), s -> bound(s, false, limits.maxStringLength()));
                                if (response.getHeaders() != null) {
                                    response.getHeaders()
                                            .values()
                                            .forEach(h -> bound(h.getSchema(), false, limits.maxParameterLength()));
                                }
                            });
                        }
                    }));
        }
        components.forEach((name, schema) -> {
            if (name.startsWith("PagedModel")
                    && schema.getProperties() != null
                    && schema.getProperties().get("content") instanceof Schema<?> content
                    && content.getMaxItems() == null) {
                // a page holds at most the largest size its operations accept (the maximum page size by default)
                content.setMaxItems(pageSizes.getOrDefault(name, limits.maxPageSize()));
            }
            bound(schema, requestSchemas.contains(name), limits.maxStringLength());
        });
    }

    /** The bounded {@code limit} or {@code size} query parameter an operation answers a list by, if any. */
    private static Integer pageLimit(List<Parameter> parameters) {
        if (parameters == null) {
            return null;
        }
        return parameters.stream()
                .filter(p -> "query".equals(p.getIn()) && ("limit".equals(p.getName()) || "size".equals(p.getName())))
                .map(Parameter::getSchema)
                .filter(s -> s != null && s.getMaximum() != null)
                .map(s -> s.getMaximum().intValue())
                .findFirst()
                .orElse(null);
    }

    private void bound(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        if (schema == null) {
            return;
        }
        boolean pageable = "query".equals(parameter.getIn())
                && is(schema, "integer")
                && schema.getFormat() == null
                && ("page".equals(parameter.getName()) || "size".equals(parameter.getName()));
        if (pageable) { // Spring Data's page and size, read as ints, the size capped at the maximum page size
            schema.setFormat("int32");
            boolean size = "size".equals(parameter.getName());
            schema.setMinimum(size ? BigDecimal.ONE : BigDecimal.ZERO);
            schema.setMaximum(BigDecimal.valueOf(size ? limits.maxPageSize() : Integer.MAX_VALUE));
        }
        if (is(schema, "array")) {
            if (schema.getMaxItems() == null || schema.getMaxItems() > limits.maxParameterValues()) {
                schema.setMaxItems(limits.maxParameterValues());
            }
        }
        bound(schema, false, limits.maxParameterLength());
        Object example = parameter.getExample();
        if (is(schema, "string")
                && example != null
                && !(example instanceof String)
                && String.valueOf(example).matches("-?[0-9]+(\\.[0-9]+)?")) {
            parameter.setExample(String.valueOf(example)); // springdoc reads "10000001" as a number; it is a text
        }
    }

    /** Fills the missing limits of {@code schema} and everything inside it. */
    private void bound(Schema<?> schema, boolean readFromRequests, int stringLength) {
        walk(schema, new IdentityHashMap<>(), s -> {
            if (is(s, "string") && s.getMaxLength() == null && s.getEnum() == null && s.getConst() == null) {
                // a whole body sent as a file (a CSV upload) is bounded by the body limit, not the string limit
                s.setMaxLength(
                        "binary".equals(s.getFormat())
                                ? (int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytes())
                                : Math.min(
                                        stringLength,
                                        FORMAT_LENGTHS.getOrDefault(
                                                Objects.toString(s.getFormat(), ""), stringLength)));
            }
            if (is(s, "integer")) {
                boolean wide = "int64".equals(s.getFormat());
                if (s.getMinimum() == null && s.getExclusiveMinimumValue() == null) {
                    s.setMinimum(BigDecimal.valueOf(wide ? Long.MIN_VALUE : Integer.MIN_VALUE));
                }
                if (s.getMaximum() == null && s.getExclusiveMaximumValue() == null) {
                    s.setMaximum(BigDecimal.valueOf(wide ? Long.MAX_VALUE : Integer.MAX_VALUE));
                }
            }
            if (readFromRequests && is(s, "array") && s.getMaxItems() == null) {
                // "[]" and one byte per item with its comma: no body within the limit holds more
                s.setMaxItems((int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytes() / 2));
            }
        });
    }

    private static void walk(Schema<?> schema, Map<Schema<?>, Boolean> seen, Consumer<Schema<?>> visit) {
        if (schema == null || seen.put(schema, Boolean.TRUE) != null) {
            return;
        }
        visit.accept(schema);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> walk(p, seen, visit));
        }
        walk(schema.getItems(), seen, visit);
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            walk(additional, seen, visit);
        }
        for (List<Schema> group : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (group != null) {
                group.forEach(s -> walk(s, seen, visit));
            }
        }
        walk(schema.getNot(), seen, visit);
    }

    /** The component schemas {@code schema} refers to, directly or through others. */
    private static void referenced(Schema<?> schema, Map<String, Schema> components, Set<String> found) {
        walk(schema, new IdentityHashMap<>(), s -> {
            if (s.get$ref() != null) {
                String name = s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1);
                if (found.add(name)) {
                    referenced(components.get(name), components, found);
                }
            }
        });
    }

    private static void schemasOf(Content content, Consumer<Schema<?>> each) {
        if (content != null) {
            content.values().forEach(media -> {
                if (media.getSchema() != null) {
                    each.accept(media.getSchema());
                }
            });
        }
    }

    private static boolean is(Schema<?> schema, String type) {
        Collection<String> types = schema.getTypes();
        return type.equals(schema.getType()) || (types != null && types.contains(type));
    }
}
