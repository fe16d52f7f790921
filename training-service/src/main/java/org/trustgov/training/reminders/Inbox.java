package org.trustgov.training.reminders;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ConflictException;
import org.trustgov.problem.NotFoundException;

/**
 * A person's notifications on the web pages (every one, mailed or not, read or unread), their choices, and the
 * one-click unsubscribe from a message.
 */
@Service
public class Inbox {

    /** The most notifications one page of the list holds. */
    public static final int MAX_PAGE = 100;

    private final MongoTemplate mongo;
    private final UnsubscribeTokens tokens;
    private final Clock clock;

    Inbox(MongoTemplate mongo, UnsubscribeTokens tokens, Clock clock) {
        this.mongo = mongo;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * One notification as its person reads it.
     *
     * @param id   the notification's id as the API names it: its stored id ({@code <staff number>|<reason>|<subject>|
     *     <date>}) in base64url, because a subject may hold a {@code /} (a policy's {@code <code>/<major>}), which no
     *     firewall lets through a path encoded, so marking such a notice read was refused (400)
     * @param page where on the web pages it is settled, a path under the gateway ({@code null} for a comment's answer
     *     told before the notice kept which consultation it was in)
     */
    public record Item(
            String id,
            String reason,
            String heading,
            String text,
            String subject,
            LocalDate dueDate,
            Instant decidedAt,
            boolean read,
            boolean mandatory,
            String page) {

        static Item of(Notification n) {
            return new Item(
                    external(n.id()),
                    n.reason().code(),
                    n.reason().heading(),
                    ReminderMail.line(n),
                    n.subject(),
                    n.dueDate(),
                    n.decidedAt(),
                    n.readAt() != null,
                    n.reason().mandatory(),
                    NoticePages.of(n.reason(), n.subject(), n.policyVersion()));
        }
    }

    /** The newest {@code size} notifications of a person and how many of all theirs are unread. */
    public record Page(long unread, @Size(max = MAX_PAGE) List<Item> items) {}

    public Page mine(String staffNumber, int size) {
        var newest = query(where("staffNumber").is(staffNumber))
                .with(Sort.by(Sort.Direction.DESC, "decidedAt").and(Sort.by("_id")))
                .limit(size);
        List<Item> items =
                mongo.find(newest, Notification.class).stream().map(Item::of).toList();
        long unread = mongo.count(
                query(where("staffNumber").is(staffNumber).and("readAt").is(null)), Notification.class);
        return new Page(unread, items);
    }

    /** Every notification decided for a person (up to {@code limit}), newest first: for their subject access bundle. */
    public List<Item> all(String staffNumber, int limit) {
        return mongo
                .find(
                        query(where("staffNumber").is(staffNumber))
                                .with(Sort.by(Sort.Direction.DESC, "decidedAt").and(Sort.by("_id")))
                                .limit(limit),
                        Notification.class)
                .stream()
                .map(Item::of)
                .toList();
    }

    /** A stored id as the API names it (URL-safe: no {@code /}, no {@code |}). */
    static String external(String storedId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(storedId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The stored id an id of the API names: base64url as {@link Item#id} gives it, or the stored id itself (which
     * holds a {@code |} that base64url never does), as the API named it before; {@code null} for neither.
     */
    static String stored(String id) {
        if (id.indexOf('|') >= 0) {
            return id;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** Marks one of the person's notifications read (404 for one that is not theirs, or no notification's id). */
    public void read(String staffNumber, String id) {
        String stored = stored(id);
        if (stored == null) {
            throw new NotFoundException("No notification " + id + " of yours");
        }
        var own = query(where("_id").is(stored).and("staffNumber").is(staffNumber));
        if (!mongo.exists(own, Notification.class)) {
            throw new NotFoundException("No notification " + id + " of yours");
        }
        mongo.updateFirst(
                own.addCriteria(where("readAt").is(null)),
                new Update().set("readAt", clock.instant()),
                Notification.class);
    }

    public long readAll(String staffNumber) {
        return mongo.updateMulti(
                        query(where("staffNumber").is(staffNumber).and("readAt").is(null)),
                        new Update().set("readAt", clock.instant()),
                        Notification.class)
                .getModifiedCount();
    }

    public Preferences preferences(String staffNumber) {
        Preferences stored = mongo.findById(staffNumber, Preferences.class);
        return stored == null ? Preferences.defaults(staffNumber) : stored;
    }

    /** Saves a person's choices; a mandatory kind cannot be switched off (400 naming it). */
    public Preferences choose(String staffNumber, Preferences.Frequency digest, Set<Reason> unsubscribed) {
        Set<Reason> off = unsubscribed == null || unsubscribed.isEmpty() ? Set.of() : EnumSet.copyOf(unsubscribed);
        for (Reason reason : off) {
            if (reason.mandatory()) {
                throw new BadRequestException(
                        "unsubscribed", reason.name() + " cannot be switched off: " + ReminderMail.MANDATORY_NOTE);
            }
        }
        Preferences chosen = new Preferences(staffNumber, digest == null ? Preferences.Frequency.DAILY : digest, off);
        mongo.findAndReplace(
                query(where("_id").is(staffNumber)),
                chosen,
                FindAndReplaceOptions.options().upsert());
        return chosen;
    }

    /**
     * The one-click unsubscribe: switches off the optional kinds the message carried. A forged or altered link is
     * 400, a link used before 409; neither changes anything.
     */
    public Set<Reason> unsubscribe(String signed) {
        UnsubscribeTokens.Link link = tokens.check(signed);
        if (link == null) {
            throw new BadRequestException("link", "is not an unsubscribe link this service issued");
        }
        Set<Reason> optional = EnumSet.noneOf(Reason.class);
        link.reasons().stream().filter(r -> !r.mandatory()).forEach(optional::add);
        if (!tokens.use(link)) {
            throw new ConflictException("This unsubscribe link was used already");
        }
        if (!optional.isEmpty()) {
            mongo.upsert(
                    query(where("_id").is(link.staffNumber())),
                    new Update()
                            .addToSet("unsubscribed")
                            .each(optional.stream().map(Reason::name).toArray())
                            .setOnInsert("digest", Preferences.Frequency.DAILY.name()),
                    Preferences.class);
        }
        return optional;
    }
}
