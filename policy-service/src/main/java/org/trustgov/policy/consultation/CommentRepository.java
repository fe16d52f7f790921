package org.trustgov.policy.consultation;

import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface CommentRepository extends MongoRepository<Comment, String> {

    long countByVersionIdAndResolvedFalse(String versionId);

    long countByVersionId(String versionId);

    List<Comment> findByVersionIdOrderByAtAsc(String versionId);

    /** The comment an earlier sending with this Idempotency-Key (its hash) added, if any. */
    java.util.Optional<Comment> findByRequestKey(String requestKey);

    /** Comments a person wrote, or replied to, oldest first. */
    @org.springframework.data.mongodb.repository.Query(
            value = "{'$or': [{'by.staffNumber': ?0}, {'replies.by.staffNumber': ?0}]}",
            sort = "{'at': 1}")
    List<Comment> writtenOrAnsweredBy(String staffNumber);

    /** Comments with a reply after {@code since}. */
    List<Comment> findByRepliesAtGreaterThan(java.time.Instant since);
}
