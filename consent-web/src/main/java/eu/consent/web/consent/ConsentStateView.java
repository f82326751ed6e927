package eu.consent.web.consent;

import eu.consent.consent.CurrentConsent;
import java.time.Instant;
import java.util.UUID;

/** The current state for one purpose and channel, with the event that decided it. */
public record ConsentStateView(
        String purpose, String channel, String state, String basis, Instant since, UUID eventId) {

    public static ConsentStateView of(CurrentConsent c) {
        return new ConsentStateView(
                c.purposeKey(),
                c.channel().name(),
                c.state().name(),
                c.basis() == null ? null : c.basis().name(),
                c.since(),
                c.eventId());
    }
}
