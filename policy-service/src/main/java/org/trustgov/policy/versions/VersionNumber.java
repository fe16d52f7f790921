package org.trustgov.policy.versions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A policy version number, {@code major.minor}. A new major version asks every member of staff to acknowledge again. */
public record VersionNumber(int major, int minor) implements Comparable<VersionNumber> {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,4})\\.([0-9]{1,4})");

    public static VersionNumber parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("A version number is major.minor, e.g. 2.1");
        }
        return new VersionNumber(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    @Override
    public int compareTo(VersionNumber other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
