package eu.consent.contact;

import java.time.Instant;

/** An activity as reported by an integrating system; {@code occurredAt} defaults to now. */
public record ActivityInput(String type, Instant occurredAt) {}
