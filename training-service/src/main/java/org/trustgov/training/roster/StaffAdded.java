package org.trustgov.training.roster;

import java.util.List;

/**
 * Published when a roster upload adds people who were not on it before (an application event, within this service),
 * so that what they did before HR sent them (a completion, say) can be brought onto their new records by the
 * feature that owns it, without the roster depending on it.
 */
public record StaffAdded(List<String> staffNumbers) {}
