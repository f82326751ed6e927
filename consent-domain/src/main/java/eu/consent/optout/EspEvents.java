package eu.consent.optout;

import eu.consent.contact.EmailAddresses;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Times;
import eu.consent.shared.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies bounce, complaint and unsubscribe events from email service providers. A hard bounce blocks the address for
 * everything (service mail too: it cannot be delivered); a complaint blocks all prospecting email; an unsubscribe is
 * a one-click; soft bounces block like a hard bounce once they reach a threshold within a window. Addresses we do not
 * hold are suppressed all the same (by hash only), and repeated events change nothing more.
 */
@ApplicationScoped
public class EspEvents {

    @Inject
    EspEventApplier applier;

    @Inject
    Clock clock;

    /** A validated event, ready to apply. */
    public record Valid(EspEventType type, String email, Instant occurredAt, String provider, String messageId) {}

    /** Validates the whole batch first (a bad event refuses the batch, applying nothing), then applies each. */
    public int apply(List<EspEventInput> events) {
        if (events == null || events.isEmpty()) {
            throw new InvalidInputException("body", "must be a non-empty array of events");
        }
        List<Valid> valid = new ArrayList<>();
        Violations v = new Violations();
        for (int i = 0; i < events.size(); i++) {
            EspEventInput in = events.get(i);
            String at = "[" + i + "].";
            if (in == null) {
                v.add("[" + i + "]", "must be an event object");
                continue;
            }
            EspEventType type = v.enumValue(at + "type", v.require(at + "type", in.type()), EspEventType.class);
            String email = in.email() == null
                    ? v.require(at + "email", null)
                    : EmailAddresses.normalize(in.email(), at + "email", v);
            Instant occurredAt = v.require(at + "occurredAt", in.occurredAt());
            if (occurredAt != null && occurredAt.isAfter(Times.now(clock).plus(Times.CLOCK_SKEW))) {
                v.add(at + "occurredAt", "must not be in the future");
            }
            String provider = v.require(at + "provider", in.provider());
            if (provider != null && (provider.isBlank() || provider.length() > 100)) {
                v.add(at + "provider", "must be 1 to 100 characters");
            }
            if (in.messageId() != null && in.messageId().length() > 500) {
                v.add(at + "messageId", "must be at most 500 characters");
            }
            valid.add(new Valid(type, email, occurredAt, provider, in.messageId()));
        }
        v.throwIfAny();
        valid.forEach(applier::apply);
        return valid.size();
    }
}
