package org.trustgov.policy.consultation;

import org.springframework.stereotype.Component;
import org.trustgov.policy.versions.OpenComments;

/** The consultation's answer to the versions' question: how many comments on a version are still open. */
@Component
class CommentCounts implements OpenComments {

    private final CommentRepository comments;

    CommentCounts(CommentRepository comments) {
        this.comments = comments;
    }

    @Override
    public long unresolved(String versionId) {
        return comments.countByVersionIdAndResolvedFalse(versionId);
    }
}
