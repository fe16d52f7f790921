package org.trustgov.policy.versions;

import org.trustgov.keycloak.Caller;

/** Who did something: the Keycloak username and, for staff, the staff number. */
public record Person(String username, String staffNumber) {

    public static Person of(Caller caller) {
        return new Person(caller.username(), caller.staffNumber());
    }

    public boolean same(Person other) {
        return other != null && username.equals(other.username);
    }
}
