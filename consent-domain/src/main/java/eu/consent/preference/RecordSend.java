package eu.consent.preference;

import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKey;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The command to record a message the sending platform sent, which frequency caps count: to whom, for which purpose,
 * on which channel, when. Typed, so that the domain never parses what a request carried; whether the contact and the
 * purpose exist is the service's check.
 */
public record RecordSend(UUID contactId, PurposeKey purpose, Channel channel, Instant sentAt) {

    public RecordSend {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
