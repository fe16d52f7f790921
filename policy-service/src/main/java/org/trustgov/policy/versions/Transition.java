package org.trustgov.policy.versions;

import java.time.Instant;

/** One step of a version's lifecycle: from, to, who, when. */
public record Transition(VersionStatus from, VersionStatus to, String by, Instant at) {}
