package org.trustgov.audit.incidents;

import java.util.List;
import org.springframework.stereotype.Component;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ServiceUnavailableException;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * Confirms with training-service's directory that a person given a part in a case (its investigator, an action's
 * owner) is active staff on the trust's roster. A number not on it, or a leaver's, is governance's error (400 naming
 * the field), since the case would wait on someone who will never see it; a training-service that cannot answer is
 * not, and nothing is changed (503, try again). The lookup names people only, so it is no access to their records.
 */
@Component
class ColleagueChecks {

    static final String GUARD = "training-directory";

    private final TrainingDirectoryClient directory;
    private final GuardedCalls guarded;

    ColleagueChecks(TrainingDirectoryClient directory, GuardedCalls guarded) {
        this.directory = directory;
        this.guarded = guarded;
    }

    /** Refuses {@code staffNumber}, given in {@code field}, unless it is active staff on the roster. */
    void requireActiveStaff(String field, String staffNumber) {
        List<TrainingDirectoryClient.Colleague> found;
        try {
            found = guarded.call(GUARD, () -> directory.people(List.of(staffNumber)));
        } catch (RuntimeException e) {
            throw new ServiceUnavailableException(
                    "training-service could not confirm staff number " + staffNumber
                            + " is on the roster just now; nothing was changed, try again shortly",
                    e);
        }
        TrainingDirectoryClient.Colleague colleague = found == null
                ? null
                : found.stream()
                        .filter(c -> staffNumber.equals(c.staffNumber()))
                        .findFirst()
                        .orElse(null);
        if (colleague == null) {
            throw new BadRequestException(field, "staff number " + staffNumber + " is not on the trust's roster");
        }
        if (!colleague.active()) {
            throw new BadRequestException(field, "staff number " + staffNumber + " has left the trust");
        }
    }
}
