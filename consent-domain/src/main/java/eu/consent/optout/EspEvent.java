package eu.consent.optout;

import java.time.Instant;
import java.util.Objects;

/**
 * The command to apply one event reported by an email service provider: its type, the normalized address, when it
 * happened, the provider and its message id (optional). The web module's request checks the raw values first.
 */
public record EspEvent(EspEventType type, String email, Instant occurredAt, String provider, String messageId) {

    public EspEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(provider, "provider");
    }
}
