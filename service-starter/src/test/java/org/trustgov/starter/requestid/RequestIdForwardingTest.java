package org.trustgov.starter.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import feign.RequestTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestIdForwardingTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aCallMadeWhileServingARequestCarriesItsId() {
        MDC.put(RequestIdFilter.MDC_KEY, "3f0c9d2e-report");
        RequestTemplate call = new RequestTemplate();

        new RequestIdForwarding().apply(call);

        assertThat(call.headers().get(RequestIdFilter.HEADER)).containsExactly("3f0c9d2e-report");
    }

    @Test
    void aCallOutsideAnyRequestGetsNoId() {
        RequestTemplate call = new RequestTemplate();

        new RequestIdForwarding().apply(call);

        assertThat(call.headers()).doesNotContainKey(RequestIdFilter.HEADER);
    }
}
