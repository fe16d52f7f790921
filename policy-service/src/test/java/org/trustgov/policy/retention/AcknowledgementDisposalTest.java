package org.trustgov.policy.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.keycloak.test.TestTokens;
import org.trustgov.test.IntegrationTest;

/**
 * policy-service's part in disposal: destroying a person's training record removes their acknowledgements and
 * their events in the outbox, and nothing of anyone else's; only audit-service's disposal job may ask.
 */
@IntegrationTest
class AcknowledgementDisposalTest {

    static final String LEAVER = "19990011";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aPersonsAcknowledgementsAndOutboxEventsAreDestroyedAndOnlyTheDisposalJobMayAsk() throws Exception {
        mongo.getCollection("attestations")
                .insertOne(new Document("_id", "a-" + LEAVER)
                        .append("policyCode", "SM-001")
                        .append("staffNumber", LEAVER)
                        .append("department", "Acute Medicine"));
        mongo.getCollection("attestations")
                .insertOne(new Document("_id", "a-19990012")
                        .append("policyCode", "SM-001")
                        .append("staffNumber", "19990012"));
        mongo.getCollection("outbox")
                .insertOne(new Document("_id", "e-" + LEAVER)
                        .append(
                                "event",
                                new Document("actor", "staff:" + LEAVER)
                                        .append("action", "policy.attestation.recorded")
                                        .append("details", new Document("staffNumber", LEAVER))));

        assertThat(destroy(LEAVER, TestTokens.serviceAccount("training-service", "service"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(destroy(LEAVER, TestTokens.serviceAccount("audit-service", "service"))
                        .statusCode())
                .isEqualTo(204);
        List<String> all = new ArrayList<>();
        for (String collection : mongo.getCollectionNames()) {
            mongo.getCollection(collection).find().forEach(d -> all.add(d.toJson()));
        }
        assertThat(String.join("\n", all)).doesNotContain(LEAVER).contains("19990012");
    }

    private HttpResponse<String> destroy(String staffNumber, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                        + "/api/policy/retention/records/training-record/" + staffNumber))
                                .header("Authorization", "Bearer " + token)
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
