package eu.consent.suppression;

/** A suppression as a client adds it: one identifier (email, or phone in international form), channel, reason. */
public record SuppressionInput(
        String email, String phone, String channel, String purpose, String reason, String source) {}
