package org.trustgov.e2e;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A new draft version of a policy as the end-to-end runs write one: its clauses, a change summary, effective today. */
final class PolicyDrafts {

    private PolicyDrafts() {}

    /** {@code POST <versions>} with the draft; {@code versions} is the policy's versions URL. */
    static HttpResponse<String> draft(
            Http http,
            String token,
            String versions,
            String number,
            List<Map<String, String>> clauses,
            String summary) {
        return http.postJson(
                versions,
                token,
                Map.of(
                        "number",
                        number,
                        "content",
                        Map.of(
                                "clauses",
                                clauses,
                                "changeSummary",
                                summary,
                                "effectiveDate",
                                LocalDate.now().toString())));
    }
}
