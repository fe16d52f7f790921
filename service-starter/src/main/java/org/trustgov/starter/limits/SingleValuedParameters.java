package org.trustgov.starter.limits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.data.domain.Pageable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.trustgov.problem.BadRequestException;

/**
 * Refuses, with a 400 naming it, a parameter that an endpoint reads as one value but the request gives more than once
 * ({@code ?from=1&from=5}, {@code ?assignedToMe=true&assignedToMe=false}). Spring would take the first, or join text
 * values with a comma, where a proxy or a client library may have meant the last: the same ambiguity as a JSON body
 * giving a field twice, refused the same way. Lists ({@code status=…&status=…}) and {@code sort} stay repeatable.
 */
public class SingleValuedParameters implements HandlerInterceptor {

    /** The message of the refusal. */
    public static final String MESSAGE = "is given more than once; give it once";

    private final Map<Method, Set<String>> singleValued = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            for (String name : singleValued.computeIfAbsent(method.getMethod(), m -> of(method))) {
                String[] values = request.getParameterValues(name);
                if (values != null && values.length > 1) {
                    throw new BadRequestException(name, MESSAGE);
                }
            }
        }
        return true;
    }

    /** The request parameters {@code method} reads as one value each: its own, and a page's number and size. */
    static Set<String> of(HandlerMethod method) {
        Set<String> names = new LinkedHashSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            Class<?> type = parameter.getParameterType();
            if (Pageable.class.isAssignableFrom(type)) {
                names.add("page");
                names.add("size");
                continue;
            }
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param == null
                    || type.isArray()
                    || Collection.class.isAssignableFrom(type)
                    || Map.class.isAssignableFrom(type)) {
                continue;
            }
            String name = !param.name().isEmpty() ? param.name() : parameter.getParameterName();
            if (name != null) {
                names.add(name);
            }
        }
        return Set.copyOf(names);
    }
}
