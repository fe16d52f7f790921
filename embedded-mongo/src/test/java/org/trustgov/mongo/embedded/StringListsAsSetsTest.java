package org.trustgov.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A query's long lists of strings matched as sets ({@link StringListsAsSets}) match exactly the documents the stock
 * matcher matches, whatever the document holds in the field: strings, numbers, lists, null, a document, or nothing.
 */
class StringListsAsSetsTest {

    private final DefaultQueryMatcher stock = new DefaultQueryMatcher();
    private final Random random = new Random(20261205);

    @Test
    void randomDocumentsAndQueriesMatchAsTheStockMatcherMatchesThem() {
        int compiled = 0;
        int matched = 0;
        for (int q = 0; q < 400; q++) {
            Document query = randomQuery();
            StringListsAsSets lists = StringListsAsSets.of(query);
            if (lists == null) {
                continue;
            }
            compiled++;
            for (int d = 0; d < 200; d++) {
                Document document = randomDocument();
                boolean expected = stock.matches(document, query);
                assertThat(lists.matches(document, stock::matches))
                        .as("%s against %s", query, document)
                        .isEqualTo(expected);
                matched += expected ? 1 : 0;
            }
        }
        assertThat(compiled).as("queries with lists made into sets").isGreaterThan(200);
        assertThat(matched).as("documents that matched").isBetween(1_000, 60_000);
    }

    @Test
    void onlyLongListsOfStringsOnATopLevelFieldAreMadeIntoSets() {
        List<Object> strings = strings(StringListsAsSets.SHORTEST);
        List<Object> withANumber = new ArrayList<>(strings);
        withANumber.add(3);
        assertThat(StringListsAsSets.of(new Document("who", new Document("$in", strings))))
                .isNotNull();
        assertThat(StringListsAsSets.of(new Document("who", new Document("$nin", strings))))
                .isNotNull();
        assertThat(StringListsAsSets.of(new Document("who", new Document("$in", strings.subList(1, strings.size())))))
                .as("short")
                .isNull();
        assertThat(StringListsAsSets.of(new Document("who", new Document("$in", withANumber))))
                .as("a number among them")
                .isNull();
        assertThat(StringListsAsSets.of(new Document("who.name", new Document("$in", strings))))
                .as("a field inside a document")
                .isNull();
        assertThat(StringListsAsSets.of(new Document("who", new Document("$in", strings).append("$ne", "s1"))))
                .as("with another operator")
                .isNull();
        assertThat(StringListsAsSets.of(new Document("$or", List.of(new Document("who", "s1")))))
                .isNull();
    }

    private Document randomQuery() {
        Document query = new Document();
        String operator = random.nextBoolean() ? "$in" : "$nin";
        int size = StringListsAsSets.SHORTEST - 2 + random.nextInt(20);
        List<Object> listed = strings(size);
        if (random.nextInt(10) == 0) {
            listed.add(random.nextBoolean() ? 3 : null);
        }
        query.put("who", new Document(operator, listed));
        if (random.nextBoolean()) {
            query.put("state", random.nextBoolean() ? "open" : new Document("$ne", "closed"));
        }
        if (random.nextInt(4) == 0) {
            query.put("ward", new Document(random.nextBoolean() ? "$in" : "$nin", strings(StringListsAsSets.SHORTEST)));
        }
        return query;
    }

    private Document randomDocument() {
        Document document = new Document("_id", random.nextInt(1_000));
        Object who = switch (random.nextInt(9)) {
            case 0 -> null;
            case 1 -> 3;
            case 2 -> 3.0;
            case 3 -> List.of("s" + random.nextInt(60), "x");
            case 4 -> new Document("s1", 1);
            case 5 -> "S" + random.nextInt(60);
            default -> "s" + random.nextInt(60);
        };
        if (random.nextInt(12) != 0) {
            document.put("who", who);
        }
        document.put("state", random.nextBoolean() ? "open" : "closed");
        document.put("ward", random.nextInt(5) == 0 ? List.of("s2") : "s" + random.nextInt(40));
        return document;
    }

    /** {@code size} strings from s0 to s59, some twice. */
    private List<Object> strings(int size) {
        List<Object> strings = new ArrayList<>();
        while (strings.size() < size) {
            strings.add("s" + random.nextInt(60));
        }
        return strings;
    }
}
