package org.trustgov.audit.incidents;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ServiceUnavailableException;
import org.trustgov.starter.Batches;
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

    /** The most numbers one directory lookup takes (training-service's own limit). */
    static final int LOOKUP_BATCH = 50;

    /**
     * Which of these people HR's roster has as leavers (a number not on the roster at all is not one: the roster
     * may not have been pushed, and a leaver is someone the trust knows has left). 503 when training-service cannot
     * say, since an answer of "none" would be a wrong one.
     */
    Set<String> leaversAmong(Collection<String> staffNumbers) {
        List<String> numbers = staffNumbers.stream().distinct().toList();
        Set<String> leavers = new HashSet<>();
        for (List<String> batch : Batches.of(numbers, LOOKUP_BATCH)) {
            List<TrainingDirectoryClient.Colleague> found;
            try {
                found = guarded.call(GUARD, () -> directory.people(batch));
            } catch (RuntimeException e) {
                throw new ServiceUnavailableException(
                        "training-service could not say who has left the trust just now; try again shortly", e);
            }
            if (found != null) {
                found.stream()
                        .filter(c -> !c.active() && batch.contains(c.staffNumber()))
                        .forEach(c -> leavers.add(c.staffNumber()));
            }
        }
        return leavers;
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
