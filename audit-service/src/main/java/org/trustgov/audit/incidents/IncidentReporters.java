package org.trustgov.audit.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.trustgov.audit.access.CaseReporters;

/** The reporters of cases, read by their references in one query (only each case's {@code reportedBy}). */
@Component
class IncidentReporters implements CaseReporters {

    private final MongoTemplate mongo;

    IncidentReporters(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Map<String, String> reportersOf(Collection<String> references) {
        Map<String, String> reporters = new HashMap<>();
        if (references.isEmpty()) {
            return reporters;
        }
        Query reportedBy = query(where("_id").in(references));
        reportedBy.fields().include("reportedBy");
        for (Incident incident : mongo.find(reportedBy, Incident.class)) {
            if (incident.getReportedBy() != null) {
                reporters.put(incident.getReference(), incident.getReportedBy());
            }
        }
        return reporters;
    }
}
