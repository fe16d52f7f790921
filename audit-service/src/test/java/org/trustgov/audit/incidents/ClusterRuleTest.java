package org.trustgov.audit.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The cluster rule's boundaries, counted by the store as the service counts them (over the wire protocol): exactly
 * 3, the 90 days, unfounded cases, departments, clauses cited twice.
 */
class ClusterRuleTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String ACUTE = "Acute Medicine";
    private static final String EMERGENCY = "Emergency Department";

    private static MongoServer server;
    private static MongoClient client;
    private static MongoTemplate mongo;

    private final ClusterRule rule = new ClusterRule(3, Period.ofDays(90), 5);
    private final IncidentSignals signals = new IncidentSignals(mongo, rule, Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void store() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        mongo = new MongoTemplate(client, "audit");
    }

    @AfterAll
    static void closeStore() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void noIncidents() {
        mongo.getCollection("incidents").drop();
    }

    /** An incident as the service stores it, citing {@code clauses} of SM-001 (version 2). */
    private static Document incident(String reference, String department, Instant at, String... clauses) {
        return new Document("reference", reference)
                .append("subjectDepartment", department)
                .append("occurredAt", Date.from(at))
                .append("status", "OPEN")
                .append(
                        "breachedClauses",
                        Stream.of(clauses)
                                .map(c -> new Document("policyCode", "SM-001")
                                        .append("policyVersion", "2")
                                        .append("clauseNumber", c)
                                        .append("heading", "Clause " + c))
                                .collect(Collectors.toCollection(ArrayList::new)));
    }

    private static Document daysAgo(int days, String reference, String department, String clause) {
        return incident(reference, department, NOW.minus(Duration.ofDays(days)), clause);
    }

    private static void stored(Document... incidents) {
        mongo.getCollection("incidents").insertMany(List.of(incidents));
    }

    @Test
    void exactlyThreeIncidentsOnOneClauseInOneDepartmentRaiseASignalAndTwoDoNot() {
        stored(daysAgo(1, "A-1", ACUTE, "4.2"), daysAgo(2, "A-2", ACUTE, "4.2"));
        assertThat(signals.current(null)).isEmpty();
        stored(daysAgo(3, "A-3", ACUTE, "4.2"));
        assertThat(signals.current(null))
                .containsExactly(new ClusterRule.Signal(
                        "SM-001", "4.2", ACUTE, 3, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1))));
    }

    @Test
    void theWindowIsNinetyDaysUpToNowIncludingItsFirstMoment() {
        stored(daysAgo(1, "A-1", ACUTE, "4.2"), daysAgo(2, "A-2", ACUTE, "4.2"));
        stored(
                incident(
                        "a-second-too-early",
                        ACUTE,
                        NOW.minus(Duration.ofDays(90)).minusSeconds(1),
                        "4.2"),
                incident("in-the-future", ACUTE, NOW.plusSeconds(60), "4.2"));
        assertThat(signals.current(null))
                .as("one a second too early, one after now (a typo, not a pattern)")
                .isEmpty();
        stored(incident("on-the-edge", ACUTE, NOW.minus(Duration.ofDays(90)), "4.2"));
        assertThat(signals.current(null)).singleElement().satisfies(signal -> {
            assertThat(signal.incidents()).isEqualTo(3);
            assertThat(signal.firstOccurred()).isEqualTo(NOW.minus(Duration.ofDays(90)));
        });
    }

    @Test
    void aCaseClosedAsUnfoundedDoesNotCountAndAnOpenOneDoes() {
        stored(daysAgo(1, "A-1", ACUTE, "4.2"), daysAgo(2, "A-2", ACUTE, "4.2"));
        stored(daysAgo(3, "unfounded", ACUTE, "4.2")
                .append("status", "CLOSED")
                .append("outcome", new Document("type", "NO_CASE_TO_ANSWER")));
        assertThat(signals.current(null)).isEmpty();
        assertThat(signals.citing("SM-001", "4.2", ACUTE, NOW.minus(Duration.ofDays(10)), NOW))
                .isEqualTo(2);
        stored(daysAgo(4, "closed-with-informal-action", ACUTE, "4.2")
                .append("status", "CLOSED")
                .append("outcome", new Document("type", "INFORMAL_ACTION")));
        assertThat(signals.current(null))
                .singleElement()
                .extracting(ClusterRule.Signal::incidents)
                .isEqualTo(3);
        stored(daysAgo(40, "still-open", ACUTE, "4.2"));
        assertThat(signals.current(null))
                .singleElement()
                .extracting(ClusterRule.Signal::incidents)
                .isEqualTo(4);
        assertThat(signals.citing("SM-001", "4.2", ACUTE, NOW.minus(Duration.ofDays(10)), NOW))
                .isEqualTo(3);
    }

    @Test
    void departmentsAndClausesAreCountedApart() {
        stored(
                daysAgo(1, "A-1", ACUTE, "4.2"),
                daysAgo(2, "A-2", ACUTE, "4.2"),
                daysAgo(1, "E-1", EMERGENCY, "4.2"),
                daysAgo(2, "E-2", EMERGENCY, "4.2"),
                daysAgo(5, "other-clause", ACUTE, "5.1"),
                daysAgo(5, "no-department", null, "4.2"),
                incident("no-clause", ACUTE, NOW.minus(Duration.ofDays(5))).append("breachedClauses", null));
        stored(new Document("reference", "no-department-at-all")
                .append("occurredAt", Date.from(NOW.minus(Duration.ofDays(5))))
                .append(
                        "breachedClauses",
                        List.of(new Document("policyCode", "SM-001").append("clauseNumber", "4.2"))));
        assertThat(signals.current(null)).as("2 + 2 + 1 is no cluster").isEmpty();
        stored(daysAgo(3, "E-3", EMERGENCY, "4.2"));
        assertThat(signals.current(null))
                .singleElement()
                .extracting(ClusterRule.Signal::department)
                .isEqualTo(EMERGENCY);
        assertThat(signals.current(ACUTE))
                .as("a line manager of Acute Medicine")
                .isEmpty();
        assertThat(signals.current(EMERGENCY)).hasSize(1);
    }

    @Test
    void anIncidentCitingTheClauseInTwoVersionsCountsOnce() {
        stored(daysAgo(1, "A-1", ACUTE, "4.2"));
        Document twice = daysAgo(3, "twice", ACUTE, "4.2");
        twice.getList("breachedClauses", Document.class)
                .add(new Document("policyCode", "SM-001")
                        .append("policyVersion", "1")
                        .append("clauseNumber", "4.2")
                        .append("heading", "Clause 4.2, as version 1 had it"));
        stored(twice);
        assertThat(signals.current(null))
                .as("two incidents, one citing 4.2 twice")
                .isEmpty();
        stored(daysAgo(4, "A-4", ACUTE, "4.2"));
        assertThat(signals.current(null))
                .singleElement()
                .extracting(ClusterRule.Signal::incidents)
                .isEqualTo(3);
    }

    @Test
    void theLargestClusterComesFirstThenTheMostRecent() {
        stored(
                daysAgo(10, "A-1", ACUTE, "4.2"),
                daysAgo(11, "A-2", ACUTE, "4.2"),
                daysAgo(12, "A-3", ACUTE, "4.2"),
                daysAgo(1, "A-4", ACUTE, "5.1"),
                daysAgo(2, "A-5", ACUTE, "5.1"),
                daysAgo(3, "A-6", ACUTE, "5.1"),
                daysAgo(20, "E-1", EMERGENCY, "4.2"),
                daysAgo(21, "E-2", EMERGENCY, "4.2"),
                daysAgo(22, "E-3", EMERGENCY, "4.2"),
                daysAgo(23, "E-4", EMERGENCY, "4.2"));
        assertThat(signals.current(null))
                .extracting(s -> s.department() + " " + s.clauseNumber() + " " + s.incidents())
                .containsExactly("Emergency Department 4.2 4", "Acute Medicine 5.1 3", "Acute Medicine 4.2 3");
    }

    @Test
    void aRuleThatCouldNotMakeSenseStopsTheService() {
        assertThatThrownBy(() -> new ClusterRule(1, Period.ofDays(90), 5))
                .hasMessage("trustgov.signals.incidents is 1: a cluster is at least 2 incidents");
        assertThatThrownBy(() -> new ClusterRule(3, Period.ZERO, 5)).hasMessageContaining("trustgov.signals.within");
        assertThatThrownBy(() -> new ClusterRule(3, Period.ofYears(3), 5)).hasMessageContaining("at most two years");
        assertThatThrownBy(() -> new ClusterRule(3, Period.ofDays(90), 0))
                .hasMessageContaining("trustgov.signals.small-numbers");
    }
}
