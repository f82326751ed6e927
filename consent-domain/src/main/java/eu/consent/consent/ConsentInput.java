package eu.consent.consent;

import java.time.Instant;

/** A consent event as a client records it; enum values stay strings so an unknown one is a field error. */
public record ConsentInput(
        String contactId,
        String purpose,
        String channel,
        String action,
        String source,
        String noticeId,
        Proof proof,
        Instant occurredAt) {}
