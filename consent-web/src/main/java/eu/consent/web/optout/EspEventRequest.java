package eu.consent.web.optout;

import eu.consent.contact.EmailAddresses;
import eu.consent.optout.EspEvent;
import eu.consent.optout.EspEventType;
import eu.consent.optout.EspEvents;
import eu.consent.shared.Times;
import eu.consent.shared.Violations;
import eu.consent.web.validation.EnumName;
import eu.consent.web.validation.RequestChecks;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** One event as an email service provider's integration reports it (the {@code EspEventInput} of the API). */
public record EspEventRequest(
        @NotNull(message = "is required") @EnumName(EspEventType.class)
        String type,

        @NotNull(message = "is required") String email,
        @NotNull(message = "is required") Instant occurredAt,
        @NotNull(message = "is required") String provider,

        @Size(max = 500, message = "must be at most 500 characters")
        String messageId) {

    /** The commands, or every broken field of every event at once (a bad event refuses the batch). */
    static List<EspEvent> toCommands(List<EspEventRequest> batch, RequestChecks checks, Clock clock) {
        Instant now = Times.now(clock);
        checks.checkEach(batch, EspEvents.EMPTY_BATCH, "must be an event object", (e, v) -> e.check(v))
                .throwIfAny();
        return batch.stream().map(e -> e.toCommand(now)).toList();
    }

    /** The rules no annotation states: the address as the domain reads one, the clock, a blank provider. */
    private void check(Violations v) {
        if (email != null) {
            EmailAddresses.normalize(email, "email", v);
        }
        // A date ahead of the server's clock is no reason to refuse (toCommand reads it as the arrival); one before the
        // floor is.
        String refusal = occurredAt == null ? null : Times.tooEarly(occurredAt);
        if (refusal != null) {
            v.add("occurredAt", refusal);
        }
        if (provider != null && (provider.isBlank() || provider.length() > 100)) {
            v.add("provider", "must be 1 to 100 characters");
        } else if (provider != null && eu.consent.suppression.SuppressionService.namesSomeone(provider)) {
            v.add("provider", eu.consent.suppression.SuppressionService.NAMES_SOMEONE);
        }
    }

    private EspEvent toCommand(Instant now) {
        // To the millisecond, as every instant the service keeps (Times.now): a provider's microseconds made the list's
        // cursor and a repeated report's comparison differ from what the database kept (until 2026-12-06). Dated past
        // the skew, it is read as made on arrival (AY-F3).
        return new EspEvent(
                EspEventType.valueOf(type),
                EmailAddresses.normalizeOrNull(email),
                occurredAt == null ? null : Times.asReceived(occurredAt, now),
                provider,
                messageId);
    }
}
