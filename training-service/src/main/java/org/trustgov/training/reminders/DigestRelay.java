package org.trustgov.training.reminders;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.stereotype.Service;
import org.trustgov.starter.Batches;
import org.trustgov.training.roster.RosterQueries;
import org.trustgov.training.roster.StaffMember;

/**
 * Sends what was decided, at most one message per person per day. Composing and sending are separate steps, each
 * safe to repeat after a stop: a digest (id: person and day) is inserted listing its notifications, then they are
 * marked as queued in it; a stop in between is mended by the next compose, which finds the digest and queues what it
 * lists. A digest is claimed for sending with a lease, sent, then marked sent: a stop before the send leaves it to be
 * claimed again when the lease ends; a stop during the SMTP exchange leaves nothing delivered (the server keeps a
 * message only once it has all of it) and it is sent again; only a stop after the server accepted it and before the
 * mark would send it twice, with the same Message-ID. A failure waits 1, 2, 4 ... minutes (at most an hour) and
 * becomes a dead letter after {@code max-attempts}; an address the server refuses for good is a bounce, marked on
 * the person's record.
 */
@Service
public class DigestRelay {

    private static final Logger log = LoggerFactory.getLogger(DigestRelay.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final MongoTemplate mongo;
    private final RosterQueries roster;
    private final ReminderMail mail;
    private final ReminderSettings settings;
    private final Clock clock;
    /** At most {@code send-rate} messages a second towards the relay (relays limit senders). */
    private final RateLimiter rate;

    /** Where {@link #composeAndSendSoon} sends (package-private: a test holds it busy). */
    final ExecutorService sendingNow = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "reminders-send-now");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicBoolean sendAsked = new AtomicBoolean();

    DigestRelay(MongoTemplate mongo, RosterQueries roster, ReminderMail mail, ReminderSettings settings, Clock clock) {
        this.mongo = mongo;
        this.roster = roster;
        this.mail = mail;
        this.settings = settings;
        this.clock = clock;
        this.rate = RateLimiter.of(
                "reminder-mail",
                RateLimiterConfig.custom()
                        .limitForPeriod(settings.sendRate())
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ofMinutes(1))
                        .build());
    }

    /** A round: compose today's digests, then send every digest that is due. How many were sent. */
    public int relay() {
        compose(today());
        return sendDue();
    }

    /**
     * Composes today's digests and sends what is due, on a thread of its own, at {@code send-rate}: for a caller who
     * asked for the day's run and should not wait for it (behind the gateway, anything past 30 s is a 504; composing
     * for 5,000 people on the embedded store took 40 s on a slow host, and sending hundreds of messages at ten a
     * second takes longer). One such round at a time: asked again while one runs, another follows it and composes
     * what was decided meanwhile. A stop while sending leaves what was not sent to the relay round (the leases).
     */
    public void composeAndSendSoon() {
        if (sendAsked.compareAndSet(false, true)) {
            sendingNow.execute(() -> {
                sendAsked.set(false);
                try {
                    int composed = compose(today());
                    int sent = sendDue();
                    log.info("reminders: {} message(s) composed and {} sent after the run asked for", composed, sent);
                } catch (RuntimeException failed) {
                    log.warn(
                            "reminders: composing and sending after the run asked for failed; the relay round does"
                                    + " what is due",
                            failed);
                }
            });
        }
    }

    @PreDestroy
    void stopSending() {
        sendingNow.shutdownNow();
    }

    LocalDate today() {
        return clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Collects each person's pending notifications into their digest of {@code day}; how many digests it made or
     * added to. The notifications are read once and marked queued (or suppressed) by id, a few hundred to an update
     * (not one update per person), and the day's digests and the people's addresses are read a few hundred ids to a
     * query, not once per person: 5,000 people were 10,000 reads, some 4 to 10 seconds.
     */
    int compose(LocalDate day) {
        Map<String, List<Notification>> byPerson = new LinkedHashMap<>();
        var pending = query(where("state")
                        .is(Notification.State.PENDING)
                        .and("deliverOn")
                        .lte(day))
                .with(Sort.by("staffNumber"))
                .cursorBatchSize(5_000);
        try (var stream = mongo.stream(pending, Notification.class)) {
            stream.forEach(n -> byPerson.computeIfAbsent(n.staffNumber(), k -> new ArrayList<>())
                    .add(n));
        }
        if (byPerson.isEmpty()) {
            return 0;
        }
        Map<String, Digest> digests = new HashMap<>();
        List<String> digestIds = byPerson.keySet().stream()
                .map(staffNumber -> Digest.idOf(staffNumber, day))
                .toList();
        for (List<String> some : Batches.of(digestIds, IDS_PER_QUERY)) {
            mongo.find(query(where("_id").in(some)), Digest.class).forEach(digest -> digests.put(digest.id(), digest));
        }
        Map<String, String> addresses = roster.reachableAddressesOf(byPerson.keySet());
        List<String> suppressed = new ArrayList<>();
        List<String> queued = new ArrayList<>();
        int touched = 0;
        for (var entry : byPerson.entrySet()) {
            String staffNumber = entry.getKey();
            String address = ReminderDecisions.GOVERNANCE.equals(staffNumber)
                    ? settings.governanceAddress()
                    : addresses.get(staffNumber);
            Digest digest = digests.get(Digest.idOf(staffNumber, day));
            Composed composed = composeOne(staffNumber, entry.getValue(), day, digest, address);
            List<String> ids = entry.getValue().stream().map(Notification::id).toList();
            switch (composed) {
                case COMPOSED -> {
                    touched++;
                    queued.addAll(ids);
                }
                // no address to send to: the notices stay in the person's list on the web pages
                case NO_ADDRESS -> suppressed.addAll(ids);
                case WAITING -> {} // what today's message carries was queued by composeOne; the rest waits
            }
        }
        setState(suppressed, Notification.State.SUPPRESSED);
        setState(queued, Notification.State.QUEUED);
        return touched;
    }

    /**
     * How many ids one query names. A query on the id alone is a lookup on any store, but the embedded store then
     * tests each document found against the whole list once more: a list of thousands costs the square of its length
     * (30,000 notices named 5,000 at a time: 150 million comparisons), a few hundred do not.
     */
    static final int IDS_PER_QUERY = 500;

    /**
     * Sets the state of the notices read for this round, named by id ({@link #batches}). The updates before named the
     * people instead (state PENDING and the staff number in, or not in, a list of thousands), and the embedded store
     * tested every pending notice against the whole list while it held the notices: in the end-to-end suite, marking
     * one notice read waited 20 s behind a large trust's compose.
     */
    private void setState(List<String> ids, Notification.State state) {
        for (List<String> some : Batches.of(ids, IDS_PER_QUERY)) {
            mongo.updateMulti(query(where("_id").in(some)), new Update().set("state", state), Notification.class);
        }
    }

    private enum Composed {
        COMPOSED,
        NO_ADDRESS,
        WAITING
    }

    /**
     * @param digest  the person's digest of {@code day} as read before ({@code null}: none yet)
     * @param address where the person's mail goes ({@code null}: nowhere)
     */
    private Composed composeOne(
            String staffNumber, List<Notification> pending, LocalDate day, Digest digest, String address) {
        String digestId = Digest.idOf(staffNumber, day);
        List<String> ids = pending.stream().map(Notification::id).toList();
        List<Digest.Notice> notices = pending.stream().map(Digest.Notice::of).toList();
        if (digest == null) {
            if (address == null) {
                return Composed.NO_ADDRESS;
            }
            Instant now = clock.instant();
            try {
                mongo.insert(new Digest(
                        digestId,
                        staffNumber,
                        day,
                        address,
                        ids,
                        notices,
                        Digest.State.READY,
                        0,
                        now,
                        "<" + UUID.nameUUIDFromBytes(digestId.getBytes(StandardCharsets.UTF_8))
                                + "@reminders.trustgov>",
                        null,
                        now,
                        null));
                return Composed.COMPOSED;
            } catch (DuplicateKeyException composedMeanwhile) {
                digest = mongo.findById(digestId, Digest.class);
            }
        }
        if (digest.state() == Digest.State.READY) {
            // still unsent: it takes what was decided since (what it lists already is not added twice)
            boolean added = mongo.updateFirst(
                                    query(where("_id").is(digestId).and("state").is(Digest.State.READY)),
                                    new Update()
                                            .addToSet("notificationIds")
                                            .each(ids.toArray())
                                            .addToSet("notices")
                                            .each(notices.toArray()),
                                    Digest.class)
                            .getModifiedCount()
                    >= 0;
            if (added && mongo.findById(digestId, Digest.class).state() == Digest.State.READY) {
                return Composed.COMPOSED;
            }
            digest = mongo.findById(digestId, Digest.class);
        }
        // today's message is on its way or gone: what it carries is queued; the rest waits for tomorrow's
        List<String> carried =
                ids.stream().filter(digest.notificationIds()::contains).toList();
        for (String id : carried) {
            mongo.updateFirst(
                    query(where("_id").is(id)),
                    new Update().set("state", Notification.State.QUEUED),
                    Notification.class);
        }
        return Composed.WAITING;
    }

    /** How many claimed digests go over one connection to the relay. */
    static final int BATCH = 50;

    /**
     * Sends every digest due now: claims up to {@link #BATCH} at a time, one by one, and sends them over one SMTP
     * connection; how many went.
     */
    int sendDue() {
        int sent = 0;
        for (int round = 0; round < 10_000 / BATCH; round++) {
            List<Digest> claimed = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                Digest digest = claim();
                if (digest == null) {
                    break;
                }
                claimed.add(digest);
            }
            if (claimed.isEmpty()) {
                break;
            }
            sent += send(claimed);
            if (claimed.size() < BATCH) {
                break;
            }
        }
        return sent;
    }

    private Digest claim() {
        Instant now = clock.instant();
        return mongo.findAndModify(
                // SENDING with its time passed: a lease that ran out, the instance that claimed it stopped
                query(where("state")
                                .in(Digest.State.READY, Digest.State.FAILED, Digest.State.SENDING)
                                .and("nextAttemptAt")
                                .lte(now))
                        .with(Sort.by("nextAttemptAt")),
                new Update().set("state", Digest.State.SENDING).set("nextAttemptAt", now.plus(LEASE)),
                FindAndModifyOptions.options().returnNew(true),
                Digest.class);
    }

    /** Sends the claimed digests over one connection; how many went. Each failure is that digest's alone. */
    private int send(List<Digest> claimed) {
        Map<String, String> names = new LinkedHashMap<>();
        roster.namesOf(claimed.stream().map(Digest::staffNumber).toList())
                .forEach(m -> names.put(m.getStaffNumber(), m.getName()));
        Map<MimeMessage, Digest> messages = new LinkedHashMap<>();
        for (Digest digest : claimed) {
            try {
                String name = ReminderDecisions.GOVERNANCE.equals(digest.staffNumber())
                        ? "clinical governance team"
                        : names.getOrDefault(digest.staffNumber(), "colleague");
                messages.put(mail.compose(digest, name), digest);
            } catch (MessagingException e) {
                failed(digest, e);
            }
        }
        if (messages.isEmpty()) {
            return 0;
        }
        pace(messages.size());
        Map<Object, Exception> failures = Map.of();
        try {
            mail.send(messages.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            failures = e.getFailedMessages().isEmpty() ? everyOne(messages, e) : e.getFailedMessages();
        } catch (MailException e) {
            failures = everyOne(messages, e);
        }
        int sent = 0;
        Instant now = clock.instant();
        for (var entry : messages.entrySet()) {
            Exception failure = failures.get(entry.getKey());
            if (failure != null) {
                failed(entry.getValue(), failure);
                continue;
            }
            mongo.updateFirst(
                    query(where("_id").is(entry.getValue().id())),
                    new Update()
                            .set("state", Digest.State.SENT)
                            .set("sentAt", now)
                            .inc("attempts", 1)
                            .unset("lastError"),
                    Digest.class);
            sent++;
        }
        return sent;
    }

    private static Map<Object, Exception> everyOne(Map<MimeMessage, Digest> messages, Exception e) {
        Map<Object, Exception> all = new java.util.HashMap<>();
        messages.keySet().forEach(m -> all.put(m, e));
        return all;
    }

    private void failed(Digest digest, Exception e) {
        int attempts = digest.attempts() + 1;
        Update update = new Update().inc("attempts", 1).set("lastError", describe(e));
        if (permanentRefusal(e)) {
            roster.markBouncing(digest.staffNumber(), digest.address());
            update.set("state", Digest.State.BOUNCED);
            log.warn(
                    "reminder digest {} refused for good by the mail relay: the address is marked as bouncing",
                    digest.id());
        } else if (attempts >= settings.maxAttempts()) {
            update.set("state", Digest.State.DEAD);
            log.warn("reminder digest {} is a dead letter after {} attempts: {}", digest.id(), attempts, describe(e));
        } else {
            long minutes = Math.min(60, 1L << Math.min(attempts - 1, 6));
            update.set("state", Digest.State.FAILED)
                    .set("nextAttemptAt", clock.instant().plus(Duration.ofMinutes(minutes)));
        }
        mongo.updateFirst(query(where("_id").is(digest.id())), update, Digest.class);
    }

    /** 5xx about the recipient (550 unknown mailbox, 551, 553): sending again will not help. */
    static boolean permanentRefusal(Exception e) {
        Throwable cause = e;
        while (cause != null) {
            // Angus Mail's SMTPAddressFailedException: "550 5.1.1 <x@y>: unknown mailbox"
            if (cause instanceof SendFailedException refused
                    && refused.getMessage() != null
                    && refused.getMessage().strip().matches("(?s)5\\d\\d\\b.*")) {
                return true;
            }
            if (cause instanceof MailSendException send) {
                for (Exception each : send.getFailedMessages().values()) {
                    if (each != cause && permanentRefusal(each)) {
                        return true;
                    }
                }
            }
            if (cause instanceof SendFailedException failed && failed.getNextException() != null) {
                Exception next = failed.getNextException();
                if (next != cause && permanentRefusal(next)) {
                    return true;
                }
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return false;
    }

    /** An e-mail address as a mail relay's answer quotes it. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\]\"',;:@]+@[^\\s<>()\\[\\]\"',;:@]+");

    /**
     * What is kept and logged of a failure: its kind and message, every e-mail address in it left out (a relay's
     * answer quotes the recipient, {@code 451 4.2.0 <x@y>: mailbox busy}): governance's view of dead letters shows who
     * and when, never the address, and logs carry staff numbers at most.
     */
    static String describe(Exception e) {
        String whole = e.getClass().getSimpleName() + ": " + e.getMessage();
        // Only the start is kept: a failure listing many messages is not searched whole.
        String text = withoutAddresses(whole.length() > 2_000 ? whole.substring(0, 2_000) : whole);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    /** {@code text} with every e-mail address in it replaced by {@code [address]} (also for failures kept before). */
    static String withoutAddresses(String text) {
        return text == null ? null : ADDRESS.matcher(text).replaceAll("[address]");
    }

    /** Waits until {@code count} messages may go (one batch is at most {@link #BATCH}, at most a second's worth). */
    private void pace(int count) {
        int left = count;
        while (left > 0) {
            int now = Math.min(left, settings.sendRate());
            if (rate.acquirePermission(now)) {
                left -= now;
            }
        }
    }

    /** The dead letters, newest first (governance). */
    public List<Digest> deadLetters(int limit) {
        return mongo.find(
                query(where("state").in(Digest.State.DEAD, Digest.State.BOUNCED))
                        .with(Sort.by(Sort.Direction.DESC, "createdAt"))
                        .limit(limit),
                Digest.class);
    }

    /** Sends a dead letter again, to the person's address now; false when there is no such dead letter. */
    public boolean resend(String digestId) {
        String address = mongo.findById(digestId, Digest.class) == null
                ? null
                : roster.find(mongo.findById(digestId, Digest.class).staffNumber())
                        .map(StaffMember::getWorkEmail)
                        .orElse(null);
        Update again =
                new Update().set("state", Digest.State.READY).set("attempts", 0).set("nextAttemptAt", clock.instant());
        if (address != null) {
            again.set("address", address);
        }
        return mongo.updateFirst(
                                query(where("_id")
                                        .is(digestId)
                                        .and("state")
                                        .in(Digest.State.DEAD, Digest.State.BOUNCED)),
                                again,
                                Digest.class)
                        .getModifiedCount()
                == 1;
    }
}
