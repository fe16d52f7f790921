package org.trustgov.starter.paging;

import java.util.regex.Pattern;

/**
 * The paging parameters every list takes ({@code page}, {@code size}, {@code sort}), checked as the client sent them
 * before Spring Data reads them: Spring Data's resolvers quietly answer page 0 for {@code page=-1}, {@code page=abc}
 * or {@code page=99999999999}, and decode {@code sort} a second time, so {@code sort=%25zz} (which the container
 * decodes to {@code %zz}) would throw inside the resolver. Here each is a 400 naming the parameter; which
 * properties a list sorts by is then {@link SortOrders}' to say.
 */
public final class PagingParameters {

    /** The highest page number any list is asked for. */
    public static final int MAX_PAGE = 100_000;

    /** The highest size that is read at all (nine digits); each list answers at most its own largest page. */
    static final int MAX_SIZE = 999_999_999;

    private static final Pattern WHOLE = Pattern.compile("0|[1-9][0-9]{0,8}");
    private static final Pattern SORT = Pattern.compile(
            "([A-Za-z][A-Za-z0-9_.]{0,63})(,[A-Za-z][A-Za-z0-9_.]{0,63})*(,(?i:asc|desc)(,(?i:ignorecase))?)?");

    private PagingParameters() {}

    /** Why the decoded value of query parameter {@code name} is refused, or {@code null} (other parameters too). */
    public static String refusal(String name, String value) {
        return switch (name) {
            case "page" ->
                WHOLE.matcher(value).matches() && Integer.parseInt(value) <= MAX_PAGE
                        ? null
                        : "must be a whole number from 0 to " + MAX_PAGE;
            case "size" ->
                WHOLE.matcher(value).matches() && Integer.parseInt(value) >= 1
                        ? null
                        : "must be a whole number from 1 to " + MAX_SIZE
                                + " (a list gives at most its own largest page)";
            case "sort" ->
                value.isEmpty() || SORT.matcher(value).matches()
                        ? null
                        : "names properties and a direction, e.g. sort=reportedAt,desc";
            default -> null;
        };
    }
}
