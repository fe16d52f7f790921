package org.trustgov.e2e;

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
        if (!identifier.chars().allMatch(Character::isDigit)) {
            return content.contains(identifier);
        }
        return Pattern.compile("(?<![0-9a-fA-F])" + identifier + "(?![0-9a-fA-F])")
                .matcher(content)
                .find();
    }
}
