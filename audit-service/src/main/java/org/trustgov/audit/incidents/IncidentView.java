package org.trustgov.audit.incidents;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An incident as one caller may see it: the whole {@link Incident} (governance and auditors not involved in it),
 * the {@link IncidentViews.SubjectView subject's view} or the {@link IncidentViews.ReporterView reporter's view}.
 */
@Schema(oneOf = {Incident.class, IncidentViews.SubjectView.class, IncidentViews.ReporterView.class})
public sealed interface IncidentView permits Incident, IncidentViews.SubjectView, IncidentViews.ReporterView {}
