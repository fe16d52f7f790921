package org.trustgov.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trustgov.transparency.verifier.Verify;

/** Sealed values: each opens with its own opening and no other, and the offline verifier opens them the same way. */
class SealedValuesTest {

    private static final String KEY_ID = "AAAAAAAAAAAAAAAAAAAAAA";

    @Test
    void anOpeningOpensItsValueAndNoOther() {
        byte[] recordKey = new byte[32];
        new SecureRandom().nextBytes(recordKey);
        String nurse = SealedValues.seal(KEY_ID, recordKey, "staff:10000001");
        String subject = SealedValues.seal(KEY_ID, recordKey, "10000002");
        assertThat(nurse).startsWith("sealed:v1:" + KEY_ID + ":").doesNotContain("10000001");
        assertThat(SealedValues.seal(KEY_ID, recordKey, "staff:10000001"))
                .as("a fresh nonce each time")
                .isNotEqualTo(nurse);

        String opening = SealedValues.opening(recordKey, nurse);
        assertThat(SealedValues.open(nurse, opening)).isEqualTo("staff:10000001");
        assertThat(SealedValues.open(subject, opening))
                .as("another value under the same key")
                .isNull();
        assertThat(SealedValues.openWithRecordKey(subject, recordKey)).isEqualTo("10000002");
        assertThat(SealedValues.openWithRecordKey(subject, new byte[32]))
                .as("a destroyed key's stand-in")
                .isNull();
        String otherKeyId = "BBBBBBBBBBBBBBBBBBBBBB" + nurse.substring(("sealed:v1:" + KEY_ID).length());
        assertThat(SealedValues.open("sealed:v1:" + otherKeyId, opening))
                .as("the key id is bound as associated data")
                .isNull();
        assertThat(SealedValues.parse("sealed:v1:short:x:y")).isNull();

        assertThat(Verify.openSealed(nurse, opening)).isEqualTo("staff:10000001");
        assertThat(Verify.openSealed(subject, opening)).isNull();
        assertThat(Verify.opened(Map.of("staffNumber", nurse, "score", 90), Map.of(nurse, opening)))
                .isEqualTo(Map.of("staffNumber", "staff:10000001", "score", 90));
        assertThat(Verify.opened(Map.of("staffNumber", subject), Map.of(nurse, opening)))
                .as("not opened, stays sealed")
                .isEqualTo(Map.of("staffNumber", subject));
    }
}
