package eu.consent.consent;

import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKey;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The command to record a consent event: who, for which purpose and channel, what they did, through which source,
 * the notice shown (a GRANT names one), the proof, and when ({@code null}: now). Typed, so that the domain never
 * parses what a request carried; the web module's request checks the raw values first.
 */
public record RecordConsent(
        UUID contactId,
        PurposeKey purpose,
        Channel channel,
        ConsentAction action,
        ConsentSource source,
        UUID noticeId,
        Proof proof,
        Instant occurredAt) {

    public RecordConsent {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(source, "source");
    }
}
