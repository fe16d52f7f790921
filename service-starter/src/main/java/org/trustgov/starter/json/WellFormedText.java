package org.trustgov.starter.json;

/**
 * Text that can be stored and hashed faithfully: no lone UTF-16 surrogate. JSON may escape one ({@code "\ud800"})
 * and Java will hold it, but UTF-8 (what MongoDB stores and what canonical JSON is hashed as) cannot encode it, so
 * it would come back as U+FFFD and every hash over it would stop matching.
 */
public final class WellFormedText {

    private WellFormedText() {}

    public static boolean isWellFormed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
