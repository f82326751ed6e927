package eu.consent.web.contact;

import eu.consent.contact.ActivityType;
import eu.consent.web.validation.EnumName;
import eu.consent.web.validation.RequestChecks;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** An activity as an integrating system reports it (the {@code ActivityInput} of the API); {@code occurredAt} defaults to now. */
public record ActivityRequest(
        @NotNull(message = "is required") @EnumName(ActivityType.class)
        String type,

        Instant occurredAt) {

    /** The activity's type, or the field error. */
    public ActivityType checkedType(RequestChecks checks) {
        checks.check(this).throwIfAny();
        return ActivityType.valueOf(type);
    }
}
