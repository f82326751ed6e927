package eu.consent.optout;

import java.time.Instant;

/** One event reported by an email service provider. */
public record EspEventInput(String type, String email, Instant occurredAt, String provider, String messageId) {}
