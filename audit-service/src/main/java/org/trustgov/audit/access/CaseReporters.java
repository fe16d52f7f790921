package org.trustgov.audit.access;

import java.util.Collection;
import java.util.Map;

/**
 * Who reported each of these cases, as their log name ({@code staff:10000001}); a case reported confidentially, or
 * not found, is left out. The access records ask it so that the person a case is about never learns from their
 * "who read my records" who reported them: the reporter's reads are shown as the reporter's, with no role,
 * department or number of theirs.
 */
public interface CaseReporters {

    Map<String, String> reportersOf(Collection<String> references);
}
