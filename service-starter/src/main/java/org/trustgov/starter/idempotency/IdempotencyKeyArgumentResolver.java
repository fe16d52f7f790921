package org.trustgov.starter.idempotency;

import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a controller method declare an {@link IdempotencyKey} parameter, read from the request's header. */
final class IdempotencyKeyArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return IdempotencyKey.class.equals(parameter.getParameterType());
    }

    @Override
    public IdempotencyKey resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        String[] values = webRequest.getHeaderValues(IdempotencyKeys.HEADER);
        String key = IdempotencyKeys.read(values == null ? null : List.of(values));
        return key == null ? null : new IdempotencyKey(key);
    }
}
