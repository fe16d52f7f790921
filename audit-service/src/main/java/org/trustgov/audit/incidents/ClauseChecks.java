package org.trustgov.audit.incidents;

import feign.FeignException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.trustgov.audit.incidents.IncidentTypes.BreachedClause;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ServiceUnavailableException;
import org.trustgov.starter.resilience.GuardedCalls;

/**
 * Confirms each cited clause with policy-service. An unknown clause is the reporter's error (400 naming it); a
 * policy-service that cannot answer is not, and nothing is recorded (503, try again), because an incident must
 * cite clauses that exist.
 */
@Component
class ClauseChecks {

    static final String GUARD = "policy-clauses";

    private final PolicyClauseClient client;
    private final GuardedCalls guarded;

    ClauseChecks(PolicyClauseClient client, GuardedCalls guarded) {
        this.client = client;
        this.guarded = guarded;
    }

    List<BreachedClause> confirm(List<IncidentRequest.ClauseRequest> cited) {
        List<BreachedClause> confirmed = new ArrayList<>();
        for (int i = 0; i < cited.size(); i++) {
            IncidentRequest.ClauseRequest c = cited.get(i);
            String field = "breachedClauses[" + i + "]";
            if (confirmed.stream()
                    .anyMatch(b -> b.policyCode().equals(c.policyCode())
                            && b.policyVersion().equals(c.policyVersion())
                            && b.clauseNumber().equals(c.clauseNumber()))) {
                throw new BadRequestException(field, "clause cited twice");
            }
            try {
                PolicyClauseClient.ClauseView view =
                        guarded.call(GUARD, () -> client.clause(c.policyCode(), c.policyVersion(), c.clauseNumber()));
                PolicyClauseClient.Clause clause = view == null ? null : view.clause();
                if (clause == null || !c.clauseNumber().equals(clause.number())) {
                    throw new ServiceUnavailableException("policy-service gave no clause for " + describe(c), null);
                }
                confirmed.add(
                        new BreachedClause(c.policyCode(), c.policyVersion(), c.clauseNumber(), clause.heading()));
            } catch (FeignException.NotFound e) {
                throw new BadRequestException(field, describe(c) + " does not exist");
            } catch (BadRequestException | ServiceUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ServiceUnavailableException(
                        "policy-service could not confirm " + describe(c)
                                + " just now; nothing was recorded, try again shortly",
                        e);
            }
        }
        return confirmed;
    }

    private static String describe(IncidentRequest.ClauseRequest c) {
        return "clause " + c.clauseNumber() + " of " + c.policyCode() + " v" + c.policyVersion();
    }
}
