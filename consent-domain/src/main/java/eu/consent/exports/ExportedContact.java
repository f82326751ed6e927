package eu.consent.exports;

import java.time.Instant;
import java.util.List;

/** One contact of an export, with every consent state recorded for it. */
public record ExportedContact(
        String id,
        String email,
        String phone,
        String country,
        String locale,
        String audience,
        boolean customer,
        String externalId,
        String attributes,
        Instant createdAt,
        Instant updatedAt,
        Instant lastActiveAt,
        List<State> consents) {

    /** The current state of one purpose on one channel. */
    public record State(String purpose, String channel, String state, String basis, Instant since) {}
}
