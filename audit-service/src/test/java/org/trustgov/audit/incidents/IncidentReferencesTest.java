package org.trustgov.audit.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.trustgov.audit.incidents.IncidentTypes.BreachedClause;
import org.trustgov.audit.incidents.IncidentTypes.Category;
import org.trustgov.audit.incidents.IncidentTypes.Platform;
import org.trustgov.audit.incidents.IncidentTypes.Severity;
import org.trustgov.test.IntegrationTest;

/**
 * Two instances numbering reports against one store, as replicas do: each remembers the last number it stored, and
 * still neither gives a number twice, leaves a gap, nor gives again a number retired with its destroyed incident.
 * The year is one no other test reports in, so the store's other incidents do not count.
 */
@IntegrationTest
class IncidentReferencesTest {

    private static final Instant AT = Instant.parse("2091-03-01T10:00:00Z");
    private static final String YEAR = "SMB-2091-";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    IncidentRecords records;

    private IncidentReferences first;
    private IncidentReferences second;

    @BeforeEach
    void twoInstancesOnAnEmptyYear() {
        mongo.remove(query(where("_id").regex("^" + YEAR)), Incident.class);
        mongo.remove(query(where("_id").is(2091)), IncidentReferences.RETIRED);
        first = new IncidentReferences(mongo);
        second = new IncidentReferences(mongo);
    }

    @Test
    void instancesTakingTurnsGiveEachNumberOnceAndInOrder() {
        List<String> given =
                List.of(number(first), number(first), number(second), number(first), number(second), number(second));

        assertThat(given)
                .containsExactly(
                        YEAR + "000001",
                        YEAR + "000002",
                        YEAR + "000003",
                        YEAR + "000004",
                        YEAR + "000005",
                        YEAR + "000006");
    }

    @Test
    void anInstanceFarBehindTheOtherFindsTheNextFreeNumber() {
        number(first);
        for (int i = 0; i < 20; i++) {
            number(second); // 2 to 21
        }

        assertThat(number(first)).isEqualTo(YEAR + "000022");
        assertThat(number(second)).isEqualTo(YEAR + "000023");
        assertThat(number(new IncidentReferences(mongo)))
                .as("an instance started afresh, remembering nothing")
                .isEqualTo(YEAR + "000024");
    }

    @Test
    void aNumberRetiredWhileAnInstanceRemembersAnOlderOneIsNotGivenAgain() {
        number(first); // first remembers 1
        number(second);
        number(second); // 2 and 3 by the other instance
        records.destroy("incident", YEAR + "000002"); // as retention does: the number retired, the record removed
        records.destroy("incident", YEAR + "000003");

        assertThat(number(first)).isEqualTo(YEAR + "000004");
    }

    @Test
    void aRefusedInsertSpendsNoNumber() {
        number(first);
        try {
            first.insertNumbered(AT, reference -> {
                throw new IllegalArgumentException("refused after numbering began");
            });
        } catch (IllegalArgumentException expected) {
            // the report was refused: nothing stored
        }

        assertThat(number(first)).isEqualTo(YEAR + "000002");
        assertThat(number(second)).isEqualTo(YEAR + "000003");
    }

    @Test
    void reportsArrivingTogetherOnTwoInstancesAreNumberedInGroupsWithoutGapsAndRefusedOnesSpendNothing()
            throws Exception {
        int callers = 16;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<List<String>>> given = new ArrayList<>();
        try {
            for (int c = 0; c < callers; c++) {
                IncidentReferences instance = c % 2 == 0 ? first : second;
                int caller = c;
                given.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        if ((caller + i) % 5 == 0) { // a refused report among the others
                            try {
                                instance.insertNumbered(AT, reference -> {
                                    throw new IllegalArgumentException("refused");
                                });
                            } catch (IllegalArgumentException expected) {
                                continue;
                            }
                        }
                        mine.add(number(instance));
                    }
                    return mine;
                }));
            }
            List<String> all = new ArrayList<>();
            for (var caller : given) {
                List<String> mine = caller.get();
                assertThat(mine).as("one caller's numbers rise").isSorted();
                all.addAll(mine);
            }

            assertThat(all).doesNotHaveDuplicates();
            assertThat(all.stream().sorted().toList())
                    .as("every number from 1 to the last given once: none spent on a refusal, none lost")
                    .isEqualTo(IntStream.rangeClosed(1, all.size())
                            .mapToObj(n -> YEAR + String.format("%06d", n))
                            .toList());
            assertThat(mongo.count(query(where("_id").regex("^" + YEAR)), Incident.class))
                    .isEqualTo(all.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private String number(IncidentReferences instance) {
        return instance.insertNumbered(AT, IncidentReferencesTest::incident).getReference();
    }

    private static Incident incident(String reference) {
        var request = new IncidentRequest(
                "10000002",
                AT.minusSeconds(3600),
                Platform.FACEBOOK,
                Category.PATIENT_IMAGES_WITHOUT_CONSENT,
                Severity.HIGH,
                "numbering test",
                List.of(),
                List.of());
        return Incident.report(
                reference, request, List.of(new BreachedClause("SM-001", "1.0", "4.2", "Images")), "staff:1", AT);
    }
}
