package org.trustgov.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a file of the platform (a store, a log) holds an identifier. A staff number is looked for as a number on its
 * own: the embedded store's H2 file writes its page positions as hex text (e.g. {@code root:10000015e92}), so eight
 * digits can turn up inside a longer hex string that names nobody; a staff number as a value is never part of one
 * (in a stored document it follows a length or a {@code staff:} prefix and is followed by the next field's marker).
 */
final class StoredText {

    private StoredText() {}

    static boolean holds(String content, String identifier) {
        return at(content, identifier) >= 0;
    }

    /**
     * The identifier as the file holds it, with the 40 characters either side (what is not printable as a dot), for
     * a failure to show what kept it; {@code null} when it does not hold it.
     */
    static String around(String content, String identifier) {
        int at = at(content, identifier);
        if (at < 0) {
            return null;
        }
        String seen =
                content.substring(Math.max(0, at - 40), Math.min(content.length(), at + identifier.length() + 40));
        return seen.replaceAll("[^\\x20-\\x7e]", ".");
    }

    private static int at(String content, String identifier) {
        if (!identifier.chars().allMatch(Character::isDigit)) {
            return content.indexOf(identifier);
        }
        Matcher found = Pattern.compile("(?<![0-9a-fA-F])" + identifier + "(?![0-9a-fA-F])")
                .matcher(content);
        return found.find() ? found.start() : -1;
    }
}
