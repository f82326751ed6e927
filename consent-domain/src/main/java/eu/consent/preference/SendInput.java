package eu.consent.preference;

import java.time.Instant;

/** A message the sending platform sent: what frequency caps count. */
public record SendInput(String contactId, String purpose, String channel, Instant sentAt) {}
