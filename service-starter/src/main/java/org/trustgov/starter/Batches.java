package org.trustgov.starter;

import java.util.ArrayList;
import java.util.List;

/**
 * A list cut into consecutive batches, for a query or a call that names a bounded number of items at a time (ids in
 * an {@code $in}, staff numbers in a request to another service).
 */
public final class Batches {

    private Batches() {}

    /**
     * {@code items} in order, in consecutive views of {@code size} items (the last may hold fewer); none for an empty
     * list. The views are of {@code items}, which must not change while they are used.
     */
    public static <T> List<List<T>> of(List<T> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A batch holds at least one item, not " + size);
        }
        List<List<T>> batches = new ArrayList<>((items.size() + size - 1) / size);
        for (int from = 0; from < items.size(); from += size) {
            batches.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return batches;
    }
}
