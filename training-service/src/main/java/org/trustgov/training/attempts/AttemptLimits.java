package org.trustgov.training.attempts;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import org.trustgov.problem.TooManyRequestsException;
import org.trustgov.training.TrainingSettings;

/**
 * Guessing is not learning: a learner may fail one module at most {@code trustgov.training.attempts.max-failed}
 * times in any {@code trustgov.training.attempts.period} (3 a day by default). The next start is refused with 429
 * and says when it is allowed again; a pass is never limited.
 */
@Component
class AttemptLimits {

    /** Where a learner stands against the limit on one module. */
    record Standing(int failedInPeriod, int left, Instant nextAllowedAt) {}

    private final MongoTemplate mongo;
    private final TrainingSettings.AttemptLimit limit;
    private final Clock clock;

    AttemptLimits(MongoTemplate mongo, TrainingSettings settings, Clock clock) {
        this.mongo = mongo;
        this.limit = settings.attempts();
        this.clock = clock;
    }

    Standing standing(String staffNumber, String moduleCode) {
        Instant now = clock.instant();
        Instant since = now.atOffset(ZoneOffset.UTC).minus(limit.period()).toInstant();
        List<Attempt> failed = mongo.find(
                query(where("staffNumber")
                                .is(staffNumber)
                                .and("moduleCode")
                                .is(moduleCode)
                                .and("passed")
                                .is(false)
                                .and("submittedAt")
                                .gt(since))
                        .with(Sort.by("submittedAt")),
                Attempt.class);
        int left = Math.max(0, limit.maxFailed() - failed.size());
        Instant next = left > 0
                ? null
                : failed.get(failed.size() - limit.maxFailed())
                        .getSubmittedAt()
                        .atOffset(ZoneOffset.UTC)
                        .plus(limit.period())
                        .toInstant();
        return new Standing(failed.size(), left, next);
    }

    /** Refuses a new attempt when the learner has used up their failed attempts for now. */
    void requireAttemptLeft(String staffNumber, String moduleCode) {
        Standing standing = standing(staffNumber, moduleCode);
        if (standing.left() == 0) {
            Duration wait = Duration.between(clock.instant(), standing.nextAllowedAt());
            throw new TooManyRequestsException(
                    "You have not passed " + moduleCode + " in " + limit.maxFailed()
                            + " attempts within " + limit.period() + "; read the module again, and try again after "
                            + standing.nextAllowedAt(),
                    wait);
        }
    }
}
