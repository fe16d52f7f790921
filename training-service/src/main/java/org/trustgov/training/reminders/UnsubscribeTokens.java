package org.trustgov.training.reminders;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import org.trustgov.starter.mongo.StoredSecrets;

/**
 * The one-click unsubscribe links (RFC 8058) in reminder messages: {@code <payload>.<HMAC-SHA256>}, the payload
 * naming the person, the optional kinds the message carried and a random nonce. The key is the service's own, made
 * once and kept in its database ({@code reminder_keys}), so every replica checks every link and no secret is in
 * configuration. A link is used once: its nonce is recorded ({@code unsubscribe_links_used}).
 */
@Component
class UnsubscribeTokens {

    /** A link's content once checked. */
    record Link(String staffNumber, Set<Reason> reasons, String nonce) {}

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEYS = "reminder_keys";
    static final String USED = "unsubscribe_links_used";

    private final MongoTemplate mongo;
    private volatile byte[] key;

    UnsubscribeTokens(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    String issue(String staffNumber, Set<Reason> reasons) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String payload = staffNumber + ":"
                + reasons.stream().map(Reason::name).sorted().collect(Collectors.joining(",")) + ":"
                + B64.encodeToString(nonce);
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(bytes) + "." + B64.encodeToString(mac(bytes));
    }

    /** The link's content if its signature holds; null for anything forged, altered or malformed. */
    Link check(String token) {
        if (token == null || token.length() > 512) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 2) {
            return null;
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = B64D.decode(parts[0]);
            signature = B64D.decode(parts[1]);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            return null;
        }
        String[] fields = new String(payload, StandardCharsets.UTF_8).split(":", -1);
        if (fields.length != 3 || fields[0].isEmpty() || fields[2].isEmpty()) {
            return null;
        }
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        for (String name : fields[1].split(",")) {
            try {
                reasons.add(Reason.valueOf(name));
            } catch (IllegalArgumentException unknown) {
                return null;
            }
        }
        return new Link(fields[0], reasons, fields[2]);
    }

    /** Records the link as used; false when it was used before. */
    boolean use(Link link) {
        try {
            mongo.insert(new org.bson.Document("_id", link.nonce()).append("staffNumber", link.staffNumber()), USED);
            return true;
        } catch (DuplicateKeyException usedBefore) {
            return false;
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            known = StoredSecrets.getOrCreate(mongo, KEYS, "unsubscribe");
            key = known;
        }
        return known;
    }
}
