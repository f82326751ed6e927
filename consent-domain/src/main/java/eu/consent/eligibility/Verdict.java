package eu.consent.eligibility;

import java.util.UUID;

/** A decision about one recipient, with the contact it resolved to (null when unknown). */
public record Verdict(Recipient recipient, UUID contactId, Decision decision) {}
