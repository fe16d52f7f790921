package org.trustgov.audit.log.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chain's rules on entries built in memory: hashing, linking, and what a change of any field does. */
class AuditChainTest {

    static List<AuditEntry> chain(int n) {
        List<AuditEntry> entries = new ArrayList<>();
        AuditEntry previous = null;
        for (int i = 0; i < n; i++) {
            previous = AuditEntry.after(
                    previous,
                    Instant.parse("2026-11-24T10:00:00.123456Z").plusSeconds(i),
                    AuditRecord.of(
                            "staff:10000004", "incident.triaged", "SMB-2026-00000" + i, Map.of("n", i, "note", "é ✓")));
            entries.add(previous);
        }
        return entries;
    }

    @Test
    void eachEntryLinksToThePreviousAndItsHashIsTheCanonicalHashOfItsContent() {
        List<AuditEntry> entries = chain(5);

        assertThat(entries.get(0).getSequence()).isEqualTo(1);
        assertThat(entries.get(0).getPreviousHash()).isEqualTo(AuditEntry.GENESIS);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).getPreviousHash())
                    .isEqualTo(entries.get(i - 1).getHash());
            assertThat(ChainVerifier.check(
                            entries.get(i), i + 1, entries.get(i - 1).getHash()))
                    .isNull();
        }
        assertThat(entries.get(0).getAt())
                .as("kept to the millisecond, as MongoDB stores it")
                .isEqualTo(Instant.parse("2026-11-24T10:00:00.123Z"));
        assertThat(entries.get(0).getHash())
                .matches("sha256:[0-9a-f]{64}")
                .isEqualTo(entries.get(0).computeHash());
    }

    @Test
    void theHashDoesNotDependOnTheOrderOfDetailKeysOrOnHowANumberIsWritten() {
        AuditEntry a =
                AuditEntry.after(null, Instant.EPOCH, AuditRecord.of("a", "x.y", "t", Map.of("one", 1, "two", 2.0)));
        AuditEntry b =
                AuditEntry.after(null, Instant.EPOCH, AuditRecord.of("a", "x.y", "t", Map.of("two", 2L, "one", 1.0)));

        assertThat(a.getHash()).isEqualTo(b.getHash());
    }

    @Test
    void changingAnyFieldOrLinkIsFoundAndNamed() throws Exception {
        List<AuditEntry> entries = chain(4);
        set(entries.get(2), "actor", "staff:10000005");

        assertThat(ChainVerifier.check(entries.get(2), 3, entries.get(1).getHash()))
                .satisfies(b -> assertThat(b.sequence()).isEqualTo(3))
                .satisfies(b -> assertThat(b.reason()).contains("content does not match its hash"));
        assertThat(ChainVerifier.check(entries.get(3), 4, "sha256:" + "1".repeat(64))
                        .reason())
                .contains("previous hash does not match the hash of entry 3");
        assertThat(ChainVerifier.check(entries.get(3), 3, entries.get(1).getHash())
                        .reason())
                .contains("entry 3 is missing");
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = AuditEntry.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
