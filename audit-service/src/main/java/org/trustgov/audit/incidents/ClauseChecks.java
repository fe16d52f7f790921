package org.trustgov.audit.incidents;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 *
 * <p>A clause of a published version (one policy-service gives a content hash for) is remembered: a publication's
 * wording is frozen, so its clause numbers and headings never change, and most reports cite the few clauses of the
 * version in force. Each is then asked for once, not on every report (which had been a third of a report's cost
 * across the services), and is confirmed even while policy-service is down. A draft's clause, whose heading may
 * still change, and any clause policy-service refused, are asked for every time.
 */
@Component
class ClauseChecks {

    static final String GUARD = "policy-clauses";

    /** Far more clauses than any trust's published policies have; each entry is a few short strings. */
    private static final int REMEMBERED = 10_000;

    private final PolicyClauseClient client;
    private final GuardedCalls guarded;
    private final Cache<ClauseKey, String> publishedHeadings =
            Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    ClauseChecks(PolicyClauseClient client, GuardedCalls guarded) {
        this.client = client;
        this.guarded = guarded;
    }

    private record ClauseKey(String policyCode, String policyVersion, String clauseNumber) {}

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
            var key = new ClauseKey(c.policyCode(), c.policyVersion(), c.clauseNumber());
            String remembered = publishedHeadings.getIfPresent(key);
            if (remembered != null) {
                confirmed.add(new BreachedClause(c.policyCode(), c.policyVersion(), c.clauseNumber(), remembered));
                continue;
            }
            try {
                PolicyClauseClient.ClauseView view =
                        guarded.call(GUARD, () -> client.clause(c.policyCode(), c.policyVersion(), c.clauseNumber()));
                PolicyClauseClient.Clause clause = view == null ? null : view.clause();
                if (clause == null || !c.clauseNumber().equals(clause.number())) {
                    throw new ServiceUnavailableException("policy-service gave no clause for " + describe(c), null);
                }
                if (view.contentHash() != null && clause.heading() != null) {
                    publishedHeadings.put(key, clause.heading());
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

    /** Forgets every remembered clause (tests that count policy-service's answers start from none). */
    void forgetRemembered() {
        publishedHeadings.invalidateAll();
    }

    private static String describe(IncidentRequest.ClauseRequest c) {
        return "clause " + c.clauseNumber() + " of " + c.policyCode() + " v" + c.policyVersion();
    }
}
