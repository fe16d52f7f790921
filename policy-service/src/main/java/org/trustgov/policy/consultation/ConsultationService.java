package org.trustgov.policy.consultation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Service;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.versions.Person;
import org.trustgov.policy.versions.PolicyVersion;
import org.trustgov.policy.versions.VersionService;
import org.trustgov.policy.versions.VersionStatus;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ConflictException;
import org.trustgov.problem.NotFoundException;
import org.trustgov.starter.idempotency.IdempotencyKey;
import org.trustgov.starter.idempotency.IdempotencyKeyReusedException;
import org.trustgov.starter.idempotency.KeyedChange;
import org.trustgov.starter.idempotency.KeyedSending;
import org.trustgov.transparency.CanonicalHash;

/** The consultation on a version under review: comments, replies, resolution. */
@Service
public class ConsultationService {

    private final VersionService versions;
    private final CommentRepository comments;
    private final Clock clock;

    ConsultationService(VersionService versions, CommentRepository comments, Clock clock) {
        this.versions = versions;
        this.comments = comments;
        this.clock = clock;
    }

    /**
     * Comments answered since {@code since} by someone other than their author: each with the time of the latest
     * such answer (for the reminders: "your comment has been answered").
     */
    public List<Answered> answeredSince(java.time.Instant since) {
        List<Answered> answered = new java.util.ArrayList<>();
        for (Comment comment : comments.findByRepliesAtGreaterThan(since)) {
            String author = comment.getBy() == null ? null : comment.getBy().staffNumber();
            comment.getReplies().stream()
                    .filter(r -> r.at() != null && r.at().isAfter(since))
                    .filter(r -> r.by() == null || author == null || !author.equals(r.by().staffNumber()))
                    .map(Comment.Reply::at)
                    .max(java.time.Instant::compareTo)
                    .ifPresent(at -> answered.add(
                            new Answered(comment.getId(), author, comment.getPolicyCode(), comment.getVersion(), at)));
        }
        return answered;
    }

    /** A comment someone else answered: its author (staff number) and when. */
    public record Answered(
            String commentId, String authorStaffNumber, String policyCode, String version, java.time.Instant at) {}

    /** The comments a person wrote, and those they replied to: for their subject access bundle. */
    public List<Comment> writtenOrAnsweredBy(String staffNumber) {
        return comments.writtenOrAnsweredBy(staffNumber);
    }

    public List<Comment> list(String code, String number, Caller caller) {
        return comments.findByVersionIdOrderByAtAsc(
                versions.get(code, number, caller).version().getId());
    }

    /** A comment as added or changed; {@code replayed} when an earlier sending with the same Idempotency-Key did it. */
    public record Sent(Comment comment, boolean replayed) {}

    /**
     * Adds a comment. Sent again with its {@code Idempotency-Key} (the answer to the first sending was lost), it is
     * answered with the comment the first sending added, and nothing is added (422 when the key came with another
     * comment). The key is the author's own: kept as the hash of their identity and the key.
     */
    public Sent comment(String code, String number, CommentRequest request, Caller caller, IdempotencyKey key) {
        KeyedSending sent = key == null
                ? null
                : new KeyedSending(
                        key.hashIn("comment-key\n" + caller.logName()),
                        CanonicalHash.sha256Of(code + "\n" + number + "\n" + CanonicalHash.canonicalJson(request)));
        KeyedSending.Made<Comment> added = KeyedSending.makeOnce(
                sent,
                keyHash -> comments.findByRequestKey(keyHash).orElse(null),
                () -> add(code, number, request, caller, sent),
                Comment::keyedContent,
                earlier -> IdempotencyKeyReusedException.firstSentWith("another comment", "added"));
        return new Sent(added.made(), added.replayed());
    }

    private Comment add(String code, String number, CommentRequest request, Caller caller, KeyedSending sent) {
        PolicyVersion version = inReview(code, number, caller);
        if (request.clauseNumber() != null
                && version.clause(request.clauseNumber()).isEmpty()) {
            throw new BadRequestException(
                    "clauseNumber", "version " + number + " has no clause " + request.clauseNumber());
        }
        if (comments.countByVersionId(version.getId()) >= Comment.MAX_PER_VERSION) {
            throw new ConflictException("Version " + number + " already has " + Comment.MAX_PER_VERSION
                    + " comments, the most one consultation collects; send it back to draft and open a new round");
        }
        return comments.insert(new Comment(
                        version.getId(),
                        code,
                        number,
                        request.clauseNumber(),
                        request.text(),
                        Person.of(caller),
                        clock.instant())
                .keyedBy(sent));
    }

    public Sent reply(
            String code, String number, String commentId, ReplyRequest request, Caller caller, IdempotencyKey key) {
        return change(
                code,
                number,
                commentId,
                caller,
                key,
                "reply",
                request,
                (c, at) -> c.reply(request.text(), Person.of(caller), at));
    }

    public Sent resolve(String code, String number, String commentId, Caller caller, IdempotencyKey key) {
        return change(
                code, number, commentId, caller, key, "resolution", null, (c, at) -> c.resolve(Person.of(caller), at));
    }

    /**
     * Changes a comment (409 on a concurrent change). Sent again with its {@code Idempotency-Key}, because its answer
     * was lost, the change is answered with the comment as it is and made no second time (422 when the key came with
     * another change): the key, the caller's own, is saved with the change, and a sending that crosses the first fails
     * on the comment's version and then finds the first's key.
     */
    private Sent change(
            String code,
            String number,
            String commentId,
            Caller caller,
            IdempotencyKey key,
            String what,
            Object content,
            BiConsumer<Comment, Instant> change) {
        Comment comment = find(inReview(code, number, caller), commentId);
        KeyedChange.Changed<Comment> changed = KeyedChange.changeOnce(
                KeyedChange.of(key, "comment-change-key\n" + caller.logName(), what, what, content),
                comment,
                Comment::keyedChanges,
                changing -> change.accept(changing, clock.instant()),
                comments::save,
                () -> comments.findById(commentId).orElse(null));
        return new Sent(changed.document(), changed.replayed());
    }

    private PolicyVersion inReview(String code, String number, Caller caller) {
        var v = versions.get(code, number, caller);
        if (v.version().status(v.policy()) != VersionStatus.IN_REVIEW) {
            throw new ConflictException("Version " + number + " of " + code + " is not in review (it is "
                    + v.version().status(v.policy()) + "): the consultation is closed");
        }
        return v.version();
    }

    private Comment find(PolicyVersion version, String commentId) {
        return comments.findById(commentId)
                .filter(c -> c.getVersionId().equals(version.getId()))
                .orElseThrow(
                        () -> new NotFoundException("No comment " + commentId + " on version " + version.getNumber()));
    }
}
