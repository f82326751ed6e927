package eu.consent.suppression.sources;

import java.time.Instant;
import java.util.UUID;

/**
 * A list's line added now, dated while another contact held the identifier and since given up: the person's word,
 * made at {@code at} at their provider, for the address they had then. Observed where it reaches them at the one they
 * have now, as a provider's event does (tester AH's F8).
 *
 * @param source the list's entry source ({@code list:<name>})
 */
public record ListedWhileHeldBefore(
        UUID contactId, String identifierHash, String kind, String channel, String reason, String source, Instant at) {}
