package org.trustgov.transparency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random plain JSON values, ordinary and odd (escapes, controls, accents, CJK, surrogate pairs, extreme numbers). */
final class RandomJson {

    private RandomJson() {}

    static Object value(Random random, int depth) {
        return switch (random.nextInt(depth < 3 ? 11 : 8)) {
            case 0 -> null;
            case 1 -> random.nextLong() >> random.nextInt(64);
            case 2 -> random.nextInt();
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 4 -> random.nextBoolean();
            case 5 -> "staff:" + random.nextInt(100_000_000);
            case 6, 7 -> text(random);
            case 8 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    map.put(text(random), value(random, depth + 1));
                }
                yield map;
            }
        };
    }

    /** Printable ASCII, quotes, backslashes, control characters, accents, CJK and a surrogate pair. */
    static String text(Random random) {
        String alphabet = "aZ9 :-_\"\\\n\t\u0001\u007f\u00e9\u20ac\u4e2d";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            if (random.nextInt(20) == 0) {
                text.append("\ud83d\ude42");
            } else {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return text.toString();
    }
}
