package org.trustgov.audit.log.sealing;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.trustgov.transparency.SealedValues;

/**
 * Seals the personal values of what is appended to the log, and opens them for those who may read the log.
 *
 * <p>A value is personal when it names a person: the actor, target or any detail that is a staff reference
 * ({@code staff:10000004}, {@code person:…}) or a staff number (8 digits). Each is sealed ({@link SealedValues})
 * under the key of the record the entry belongs to ({@link RecordUnit}); everything else (action, time, incident
 * reference, hashes, counts) stays in clear, so the log can still be searched by incident, action and time.
 */
@Service
public class Sealer {

    /** A staff reference or staff number: what the log must be able to forget. */
    private static final Pattern PERSONAL = Pattern.compile("(staff|person):.+|[0-9]{8}");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What is to be appended, its personal values sealed. */
    public record Content(String actor, String target, Map<String, Object> details) {}

    /**
     * An entry's content as a reader sees it: its personal values opened, or, where the record's key was destroyed,
     * {@value #DESTROYED} with the destruction in {@code destroyed}.
     */
    public record Opened(
            String actor,
            String target,
            Map<String, Object> details,

            @ArraySchema(
                    maxItems = 1,
                    arraySchema = @Schema(description = "The destruction of the record whose values read [destroyed]"))
            List<RecordKeys.Destroyed> destroyed) {}

    /** What a destroyed value reads as. */
    public static final String DESTROYED = "[destroyed]";

    private final RecordKeys keys;

    public Sealer(RecordKeys keys) {
        this.keys = keys;
    }

    public static boolean isPersonal(Object value) {
        return value instanceof String s
                && !SealedValues.isSealed(s)
                && PERSONAL.matcher(s).matches();
    }

    /** The content of audit-service's own change, appended {@code at}, sealed ({@link #seal(String, String, Map, Instant, Instant)}). */
    public Content seal(String actor, String target, Map<String, Object> details, Instant at) {
        return seal(actor, target, details, at, null);
    }

    /**
     * The content with every personal value sealed under the key of the record it belongs to, in the life of the
     * record an event that {@code happened} then (a relayed event's time; {@code null} for audit-service's own
     * changes) belongs to ({@link RecordKeys#toSeal}).
     */
    public Content seal(String actor, String target, Map<String, Object> details, Instant at, Instant happened) {
        if (!containsPersonal(actor) && !containsPersonal(target) && !containsPersonal(details)) {
            return new Content(actor, target, details);
        }
        RecordUnit record = RecordUnit.of(target, details, at);
        RecordKeys.Sealing sealing = keys.toSeal(record, happened);
        String keyId = sealing.keyId();
        byte[] key = sealing.key();
        if (key == null) { // the record's key was destroyed: sealed under a key nobody keeps
            key = new byte[32];
            RANDOM.nextBytes(key);
        }
        byte[] recordKey = key;
        return new Content(
                (String) sealAll(actor, keyId, recordKey),
                (String) sealAll(target, keyId, recordKey),
                castMap(sealAll(details, keyId, recordKey)));
    }

    /** The content as stored, opened as far as the key store allows. */
    public Opened open(String actor, String target, Map<String, Object> details) {
        List<RecordKeys.Destroyed> destroyed = new ArrayList<>();
        return new Opened(
                (String) openAll(actor, destroyed),
                (String) openAll(target, destroyed),
                castMap(openAll(details, destroyed)),
                List.copyOf(destroyed));
    }

    /**
     * The openings of every sealed value in {@code values} whose key is live (sealed value to value key), for an
     * export: its receiver opens those values and no other value sealed under the same key.
     */
    public Map<String, String> openings(Iterable<?> values) {
        Map<String, String> openings = new LinkedHashMap<>();
        for (Object value : values) {
            collectOpenings(value, openings);
        }
        return openings;
    }

    /** The key ids the sealed values in {@code value} name. */
    public static void keyIdsIn(Object value, java.util.Set<String> keyIds) {
        if (value instanceof String s && SealedValues.isSealed(s)) {
            SealedValues.Parts parts = SealedValues.parse(s);
            if (parts != null) {
                keyIds.add(parts.keyId());
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> keyIdsIn(v, keyIds));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> keyIdsIn(v, keyIds));
        }
    }

    private void collectOpenings(Object value, Map<String, String> openings) {
        if (value instanceof String s && SealedValues.isSealed(s)) {
            SealedValues.Parts parts = SealedValues.parse(s);
            if (parts != null && keys.state(parts.keyId()) instanceof RecordKeys.Live live) {
                openings.put(s, SealedValues.opening(live.key(), s));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectOpenings(v, openings));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectOpenings(v, openings));
        }
    }

    private static boolean containsPersonal(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(Sealer::containsPersonal);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(Sealer::containsPersonal);
        }
        return isPersonal(value);
    }

    private static Object sealAll(Object value, String keyId, byte[] key) {
        if (isPersonal(value)) {
            return SealedValues.seal(keyId, key, (String) value);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sealed = new LinkedHashMap<>();
            map.forEach((k, v) -> sealed.put((String) k, sealAll(v, keyId, key)));
            return sealed;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> sealAll(v, keyId, key)).toList();
        }
        return value;
    }

    private Object openAll(Object value, List<RecordKeys.Destroyed> destroyed) {
        if (value instanceof String s && SealedValues.isSealed(s)) {
            SealedValues.Parts parts = SealedValues.parse(s);
            RecordKeys.State state = parts == null ? new RecordKeys.Unknown() : keys.state(parts.keyId());
            if (state instanceof RecordKeys.Live live) {
                String opened = SealedValues.openWithRecordKey(s, live.key());
                return opened != null ? opened : DESTROYED; // sealed after its record's key was destroyed
            }
            if (state instanceof RecordKeys.Destroyed gone && !destroyed.contains(gone)) {
                destroyed.add(gone);
            }
            return DESTROYED;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> opened = new LinkedHashMap<>();
            map.forEach((k, v) -> opened.put((String) k, openAll(v, destroyed)));
            return opened;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> openAll(v, destroyed)).toList();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
