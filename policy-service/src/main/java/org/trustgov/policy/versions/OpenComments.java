package org.trustgov.policy.versions;

/**
 * How many consultation comments on a version are not resolved yet: what approval waits for. Versions ask through
 * this port and the consultation answers, so the dependency between the two features runs one way (consultation
 * depends on versions).
 */
public interface OpenComments {

    long unresolved(String versionId);
}
