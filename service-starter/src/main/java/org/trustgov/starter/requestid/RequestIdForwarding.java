package org.trustgov.starter.requestid;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import org.slf4j.MDC;

/**
 * Puts the request id of the call being served on every Feign call it makes ({@code X-Request-Id}), so one id
 * follows a person's request from the gateway through a service into the services it calls, in every log. Guarded
 * calls carry the MDC onto their own threads; outside a request (a scheduled job) nothing is added.
 */
public class RequestIdForwarding implements RequestInterceptor {

    @Override
    public void apply(RequestTemplate template) {
        String id = MDC.get(RequestIdFilter.MDC_KEY);
        if (id != null && !template.headers().containsKey(RequestIdFilter.HEADER)) {
            template.header(RequestIdFilter.HEADER, id);
        }
    }
}
