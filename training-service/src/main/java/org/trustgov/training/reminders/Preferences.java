package org.trustgov.training.reminders;

import jakarta.validation.constraints.Size;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What a person chose: a daily or a weekly digest (urgent notices come daily whatever the choice), and the optional
 * kinds they unsubscribed from. Mandatory kinds cannot be in {@code unsubscribed}.
 */
@Document("notification_preferences")
public record Preferences(
        @Id String staffNumber,
        Frequency digest,
        @Size(max = 10) Set<Reason> unsubscribed) {

    public enum Frequency {
        DAILY,
        WEEKLY
    }

    static Preferences defaults(String staffNumber) {
        return new Preferences(staffNumber, Frequency.DAILY, Set.of());
    }
}
