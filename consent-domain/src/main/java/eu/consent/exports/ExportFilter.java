package eu.consent.exports;

import eu.consent.consent.ConsentState;
import eu.consent.contact.Audience;
import eu.consent.purpose.Channel;
import java.util.Map;

/**
 * Which contacts an export holds. {@code purpose}, {@code channel} and {@code state} together ask for a consent
 * state matching all that are given (state NONE: no state recorded for that purpose/channel); {@code attributes}
 * must all equal the contact's (as text).
 */
public record ExportFilter(
        String purpose,
        Channel channel,
        ConsentState state,
        Audience audience,
        String country,
        Boolean customer,
        Map<String, String> attributes) {

    public ExportFilter {
        attributes = Map.copyOf(attributes);
    }

    boolean onConsent() {
        return purpose != null || channel != null || state != null;
    }
}
