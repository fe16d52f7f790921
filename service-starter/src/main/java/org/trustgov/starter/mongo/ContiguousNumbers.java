package org.trustgov.starter.mongo;

import java.util.function.LongPredicate;

/**
 * The highest of numbers stored without gaps (an incident's reference numbers above the year's retired floor, the
 * audit log's sequence), found from one known to be stored by looking numbers up by key, in steps that double and
 * then halve: a handful of lookups when another replica stored a few meanwhile, about 40 for a million, never a
 * search of the whole collection (on the embedded store, which has no ordered index, finding the highest number
 * afresh is a scan and a sort of every document).
 */
public final class ContiguousNumbers {

    private ContiguousNumbers() {}

    /**
     * @param known    a number known to be stored
     * @param isStored whether a number is stored (a lookup by key)
     * @return the highest stored number, given that every number from {@code known} up to it is stored
     */
    public static long highestFrom(long known, LongPredicate isStored) {
        long low = known; // stored
        long high = known + 1;
        for (long step = 1; isStored.test(high); step *= 2) {
            low = high;
            high = known + step * 2;
        }
        while (high - low > 1) { // low is stored, high is not
            long middle = (low + high) >>> 1;
            if (isStored.test(middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
