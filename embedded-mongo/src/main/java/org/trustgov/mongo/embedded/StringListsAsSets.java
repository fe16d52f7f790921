package org.trustgov.mongo.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * A query's long lists of strings ({@code field: {$in: [...]}} or {@code $nin}, on a field at the top of the
 * document), matched by looking the document's string up in a hash set. mongo-java-server compares the document's
 * value with each listed value in turn, for every document it examines: the reminder run's "everyone without an
 * address", 5,000 staff numbers, over 30,000 notifications made 150 million comparisons (about ten seconds). MongoDB
 * looks the value up instead. Only a string value is looked up (two strings match exactly when they are equal, as the
 * stock matcher compares them); a document whose field holds anything else (a number, a list, null) or lacks it is
 * matched against the whole query by the stock matcher, as before.
 */
final class StringListsAsSets {

    /** Lists shorter than this are matched by the stock matcher (a set is not worth building for them). */
    static final int SHORTEST = 16;

    private record Membership(String field, Set<String> values, boolean negated) {}

    private final Document query;
    /** The query without the memberships matched here. */
    private final Document rest;

    private final List<Membership> memberships;

    private StringListsAsSets(Document query, Document rest, List<Membership> memberships) {
        this.query = query;
        this.rest = rest;
        this.memberships = memberships;
    }

    /** The query with its long lists of strings as sets, or {@code null} when it has none. */
    static StringListsAsSets of(Document query) {
        List<Membership> memberships = new ArrayList<>();
        Document rest = new Document();
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            Membership membership = membershipOf(condition.getKey(), condition.getValue());
            if (membership == null) {
                rest.put(condition.getKey(), condition.getValue());
            } else {
                memberships.add(membership);
            }
        }
        return memberships.isEmpty() ? null : new StringListsAsSets(query, rest, memberships);
    }

    private static Membership membershipOf(String field, Object condition) {
        if (field.startsWith("$") || field.contains(".") || !(condition instanceof Document operator)) {
            return null;
        }
        if (operator.size() != 1) {
            return null;
        }
        String name = operator.keySet().iterator().next();
        if (!name.equals("$in") && !name.equals("$nin")) {
            return null;
        }
        if (!(operator.get(name) instanceof Collection<?> listed) || listed.size() < SHORTEST) {
            return null;
        }
        Set<String> values = new HashSet<>(listed.size() * 2);
        for (Object value : listed) {
            if (!(value instanceof String text)) {
                return null; // numbers compare across types, regular expressions match: the stock matcher's work
            }
            values.add(text);
        }
        return new Membership(field, values, name.equals("$nin"));
    }

    /** Whether the query this was made of matches {@code document}; {@code stock} is the stock matcher. */
    boolean matches(Document document, BiPredicate<Document, Document> stock) {
        // The rest first, so that a query the stock matcher refuses is refused as before.
        if (!rest.isEmpty() && !stock.test(document, rest)) {
            return false;
        }
        for (Membership membership : memberships) {
            if (!(document.get(membership.field()) instanceof String value)) {
                return stock.test(document, query);
            }
            if (membership.values().contains(value) == membership.negated()) {
                return false;
            }
        }
        return true;
    }
}
