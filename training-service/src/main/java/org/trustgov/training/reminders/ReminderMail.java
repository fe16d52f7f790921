package org.trustgov.training.reminders;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * One digest as an e-mail: a plain-text and an HTML part saying the same, links to the gateway's pages (sign in to
 * act; nothing more than the module's title and date is in the message), the digest's own Message-ID on every
 * attempt, and for a message carrying optional kinds the RFC 8058 one-click unsubscribe headers. A message with
 * mandatory notices only says why they cannot be switched off.
 */
@Component
class ReminderMail {

    static final String MANDATORY_NOTE = "Notices about statutory and mandatory training and the trust's policies "
            + "cannot be switched off: completing the training and acknowledging the policies are conditions of "
            + "working for the trust.";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /** {@code mail/reminder.txt} (Thymeleaf text mode) and {@code mail/reminder.html} (HTML mode, escaping). */
    private static final TemplateEngine TEMPLATES = templates();

    private static TemplateEngine templates() {
        TemplateEngine engine = new TemplateEngine();
        for (TemplateMode mode : List.of(TemplateMode.TEXT, TemplateMode.HTML)) {
            ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
            resolver.setPrefix("mail/");
            resolver.setTemplateMode(mode);
            resolver.setCharacterEncoding("UTF-8");
            resolver.setResolvablePatterns(java.util.Set.of(mode == TemplateMode.TEXT ? "*.txt" : "*.html"));
            resolver.setCheckExistence(true);
            resolver.setCacheable(true);
            engine.addTemplateResolver(resolver);
        }
        return engine;
    }

    private final JavaMailSender sender;
    private final ReminderSettings settings;
    private final UnsubscribeTokens tokens;

    ReminderMail(JavaMailSender sender, ReminderSettings settings, UnsubscribeTokens tokens) {
        this.sender = sender;
        this.settings = settings;
        this.tokens = tokens;
    }

    MimeMessage compose(Digest digest, String name) throws MessagingException {
        List<Digest.Notice> notices = digest.notices().stream()
                .sorted(java.util.Comparator.comparing(
                                Digest.Notice::dueDate,
                                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                        .thenComparing(Digest.Notice::subject))
                .toList();
        MimeMessage message = sender instanceof JavaMailSenderImpl impl
                ? new MimeMessage(impl.getSession()) {
                    @Override
                    protected void updateMessageID() throws MessagingException {
                        setHeader("Message-ID", digest.messageId());
                    }
                }
                : sender.createMimeMessage();
        MimeMessageHelper mail = new MimeMessageHelper(message, true, "UTF-8");
        mail.setFrom(settings.from());
        mail.setTo(digest.address());
        mail.setSubject(
                notices.size() == 1
                        ? notices.get(0).reason().heading()
                        : notices.size() + " things need your attention");
        Set<Reason> optional = EnumSet.noneOf(Reason.class);
        boolean mandatory = false;
        // each line: what is asked ("text"), and for the HTML part the page that settles it ("link", or none)
        List<Map<String, String>> lines = new java.util.ArrayList<>();
        for (Digest.Notice n : notices) {
            Map<String, String> asked = new HashMap<>();
            asked.put("text", line(n));
            asked.put("link", n.page() == null ? null : settings.publicUrl() + n.page());
            lines.add(asked);
            if (n.reason().mandatory()) {
                mandatory = true;
            } else {
                optional.add(n.reason());
            }
        }
        String unsubscribe = null;
        if (!optional.isEmpty()) {
            unsubscribe = settings.publicUrl() + "/api/training/notifications/unsubscribe?link="
                    + tokens.issue(digest.staffNumber(), optional);
            message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        Context model = new Context(Locale.UK);
        model.setVariable("subject", message.getSubject());
        model.setVariable("name", name);
        model.setVariable("lines", lines);
        model.setVariable("link", settings.publicUrl() + "/");
        model.setVariable("mandatory", mandatory);
        model.setVariable("mandatoryNote", MANDATORY_NOTE);
        model.setVariable("unsubscribe", unsubscribe);
        mail.setText(TEMPLATES.process("reminder.txt", model), TEMPLATES.process("reminder.html", model));
        return message;
    }

    /** Over one connection to the relay; a MailSendException names the messages that failed. */
    void send(MimeMessage... messages) {
        sender.send(messages);
    }

    static String line(Notification n) {
        return line(Digest.Notice.of(n));
    }

    static String line(Digest.Notice n) {
        String due = n.dueDate() == null ? "" : n.dueDate().format(DATE);
        return switch (n.reason()) {
            case ASSIGNED -> n.title() + ": assigned to you, to complete by " + due;
            case DUE_SOON -> n.title() + ": due by " + due;
            case DUE_TODAY -> n.title() + ": due today";
            case OVERDUE -> n.title() + ": overdue since " + due;
            case TEAM_OVERDUE -> n.detail();
            case ACKNOWLEDGEMENT_OWED -> n.title() + ": please read it and acknowledge it by " + due;
            case ACKNOWLEDGEMENT_OVERDUE -> n.title() + ": your acknowledgement was due on " + due;
            // nothing of the case: only that something needs the reader's attention
            case CASE_INVESTIGATOR -> "A case has been assigned to you to investigate";
            case CASE_ACTION -> "An action on a case is yours to complete";
            case CASE_ACTION_OVERDUE -> "An action of yours on a case is overdue";
            case CASE_OUTCOME -> "A decision has been recorded on a case that concerns you";
            case CASE_APPEAL -> "An appeal has been lodged on a case you investigate";
            case SIGNAL_RAISED ->
                "Incidents citing one clause in one department have reached the trust's cluster rule: see the "
                        + "signals on the reports page";
            case CASE_HELD_BY_LEAVER ->
                "An open case waits on someone HR's roster now has as a leaver (its investigator, or an action's "
                        + "owner): on the incidents page, show only the cases waiting on someone who has left";
            case CONSULTATION_OPENED -> n.title() + ": open for your comments";
            case COMMENT_ANSWERED -> n.title() + ": your comment has been answered";
            case REVIEW_DUE -> n.title() + ": review due by " + due;
            case REVIEW_OVERDUE -> n.title() + ": review was due on " + due;
        };
    }
}
