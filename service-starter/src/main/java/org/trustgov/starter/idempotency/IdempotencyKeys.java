package org.trustgov.starter.idempotency;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.trustgov.problem.BadRequestException;

/**
 * The {@code Idempotency-Key} request header (the IETF's draft of that name) as every service reads it: a change sent
 * again with the key it was first sent with, because its answer never came, is answered with what the first sending
 * made instead of making it twice. Each service stores a hash of the key in its own scope (whose key it is) with what
 * it made, under a unique index, so sendings that cross are settled by the store; this class reads and checks the key
 * and says so in the answer.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";

    /** Set to {@code true} on an answer given from what an earlier sending with the same key made. */
    public static final String REPLAYED = "Idempotent-Replayed";

    /** Shorter keys are too easily reused by chance (a UUID is 36 characters); longer ones are not keys. */
    public static final int MIN_LENGTH = 16;

    public static final int MAX_LENGTH = 255;

    /** What every endpoint's documentation of the header ends with: the bounds of a key. */
    public static final String DOCUMENTED_BOUNDS =
            MIN_LENGTH + " to " + MAX_LENGTH + " visible ASCII characters, else 400 naming the header.";

    /** A key as the documentation shows one. */
    public static final String EXAMPLE = "0f8b7c52-3d7e-4c41-9a55-2c6f1e0b9d43";

    private IdempotencyKeys() {}

    /**
     * The key the header's {@code values} give, or {@code null} when there is none (a change sent without a key is
     * made as before); 400 naming the header for an empty, short, long or repeated key, or one with anything but
     * visible ASCII. A key sent as a structured-field string ({@code "…"}, as the draft writes it) is read without
     * its quotes, so either form is the same key.
     */
    public static String read(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequestException(HEADER, "is given more than once; give it once");
        }
        String key = values.get(0).strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.length() < MIN_LENGTH
                || key.length() > MAX_LENGTH
                || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new BadRequestException(
                    HEADER,
                    "must be " + MIN_LENGTH + " to " + MAX_LENGTH
                            + " visible ASCII characters, new for each change: a random UUID, say");
        }
        return key;
    }

    /** The answer's headers: {@link #REPLAYED} when an earlier sending with the same key made what it answers with. */
    public static HttpHeaders answerHeaders(boolean replayed) {
        HttpHeaders headers = new HttpHeaders();
        if (replayed) {
            headers.set(REPLAYED, "true");
        }
        return headers;
    }
}
