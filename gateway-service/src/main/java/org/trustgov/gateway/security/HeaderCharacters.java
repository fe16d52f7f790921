package org.trustgov.gateway.security;

/**
 * The characters Spring Security's {@code StrictServerWebExchangeFirewall} allows in header names and values, checked
 * in one pass instead of with its regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*} for names,
 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} for values): every code point must be assigned and not a
 * control character, except that a value may hold a tab. {@code HeaderCharactersTest} holds both to the firewall's
 * own predicates for every code point. A null (absent) name or value is allowed, as there.
 */
final class HeaderCharacters {

    private HeaderCharacters() {}

    static boolean allowedInName(String name) {
        return allowed(name, false);
    }

    static boolean allowedInValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tabAllowed) {
        if (text == null) {
            return true;
        }
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) { // printable ASCII: assigned, not a control character
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
