package eu.consent.exports;

import java.time.Instant;
import java.util.List;

/** One contact of an export, with every consent state recorded for it and the suppressions on its identifiers. */
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
        List<State> consents,
        List<Block> suppressions) {

    /** A suppression on one of the contact's identifiers: whatever the consent says, no message goes there. */
    public record Block(String channel, String purpose, String reason) {}

    /** The current state of one purpose on one channel. */
    public record State(String purpose, String channel, String state, String basis, Instant since) {}
}
