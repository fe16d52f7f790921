package org.trustgov.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The gateway's header check against Spring Security's firewall: the same answer for every character. */
class HeaderCharactersTest {

    @Test
    void everyCodePointAloneGetsTheFirewallsAnswer() {
        List<String> different = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = new String(Character.toChars(codePoint));
            if (!sameAnswer(text)) {
                different.add(escaped(text));
            }
        }
        assertThat(different).isEmpty();
    }

    @Test
    void mixedTextsGetTheFirewallsAnswer() {
        Random random = new Random(20261202);
        List<String> different = new ArrayList<>();
        int[] pool = {
            'a', 'Z', '0', ' ', '\t', '\n', '\r', 0, 0x7F, 0x85, 0xA0, 0xE9, 0x2028, 0x0378, 0xD800, 0xDC00, 0x1F600,
            0xE0001, 0x10FFFF, 0xFFFF
        };
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                int codePoint = random.nextBoolean() ? pool[random.nextInt(pool.length)] : random.nextInt(0x110000);
                text.appendCodePoint(codePoint);
            }
            if (!sameAnswer(text.toString())) {
                different.add(escaped(text.toString()));
            }
        }
        assertThat(different).isEmpty();
    }

    @Test
    void aBearerTokenPassesAndAnInjectedLineBreakDoesNot() {
        assertThat(HeaderCharacters.allowedInValue("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln"))
                .isTrue();
        assertThat(HeaderCharacters.allowedInValue("a\tb")).isTrue();
        assertThat(HeaderCharacters.allowedInName("a\tb")).isFalse();
        assertThat(HeaderCharacters.allowedInValue("x\r\nSet-Cookie: a=b")).isFalse();
        assertThat(HeaderCharacters.allowedInValue(null)).isTrue();
    }

    private static boolean sameAnswer(String text) {
        return HeaderCharacters.allowedInName(text) == StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(text)
                && HeaderCharacters.allowedInValue(text)
                        == StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text);
    }

    private static String escaped(String text) {
        return text.codePoints().mapToObj(Integer::toHexString).toList().toString();
    }
}
