package org.trustgov.policy.resources;

/** What a signposting resource offers a service user, the headings staff look under. */
public enum Topic {
    PEER_SUPPORT,
    HEALTH_INFORMATION,
    CRISIS_AND_URGENT_HELP,
    PROFESSIONAL_GUIDANCE
}
