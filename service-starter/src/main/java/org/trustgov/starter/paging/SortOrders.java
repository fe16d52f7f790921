package org.trustgov.starter.paging;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.trustgov.problem.BadRequestException;

/**
 * The properties a list may be sorted by. A {@code sort} parameter names a stored field, and the store is not the
 * place to find out that {@code sort=%00} or {@code sort=secret} is not one: anything else is a 400 naming
 * {@code sort} and the properties allowed.
 */
public final class SortOrders {

    private SortOrders() {}

    /** {@code page} when it sorts by {@code allowed} properties only; else a 400 naming them. */
    public static Pageable only(Pageable page, String... allowed) {
        List<String> properties = List.of(allowed);
        for (Sort.Order order : page.getSort()) {
            if (!properties.contains(order.getProperty())) {
                throw new BadRequestException("sort", "can sort by " + String.join(", ", properties) + " only");
            }
        }
        return page;
    }
}
