package org.trustgov.training.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.auditclient.access.AccessRecord;
import org.trustgov.auditclient.access.RelayedAccessRecords;
import org.trustgov.test.IntegrationTest;
import org.trustgov.test.OtherServices;

/**
 * The relay of access records to audit-service (WireMock), through its real Feign client: a batch is delivered and
 * removed from the outbox whether audit-service answers with what it made of it (since 2026-12-07) or with no body at
 * all (before), so the two can run side by side while a trust upgrades.
 */
@IntegrationTest
class AccessRecordRelayTest {

    static final WireMockServer audit = OtherServices.wireMock();

    @Autowired
    RelayedAccessRecords relay;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aBatchIsDeliveredAndRemovedWhetherAuditServiceSaysWhatItKeptOrNothing() {
        assertThat(sentAndStillWaiting())
                .as("answered 200 with no body: delivered")
                .isFalse();

        audit.stubFor(post("/api/audit/access-records")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"records\":1,\"disposed\":1}")));
        assertThat(sentAndStillWaiting())
                .as("answered with what it kept: delivered")
                .isFalse();
    }

    /** A new batch taken and relayed once: whether it is still in the outbox after audit-service's answer. */
    private boolean sentAndStillWaiting() {
        String batchId = UUID.randomUUID().toString();
        relay.take(batchId, List.of(read()));
        relay.deliverPending();
        audit.verify(postRequestedFor(urlEqualTo("/api/audit/access-records")).withRequestBody(containing(batchId)));
        return mongo.getCollection("access_record_outbox").countDocuments(new org.bson.Document("_id", batchId)) > 0;
    }

    private static AccessRecord read() {
        return new AccessRecord(
                UUID.randomUUID().toString(),
                Instant.now(),
                "staff:10000004",
                "governance",
                "Clinical Governance",
                AccessRecord.What.COMPLIANCE_RECORD,
                "10000002",
                "10000002",
                AccessRecord.Route.API,
                AccessRecord.Outcome.READ,
                "training-service");
    }
}
