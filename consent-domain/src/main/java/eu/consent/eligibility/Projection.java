package eu.consent.eligibility;

import eu.consent.consent.ConsentState;
import eu.consent.contact.Audience;
import eu.consent.purpose.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One recipient's decision facts for one purpose and channel, as read at change sequence {@code loadedSeq}: what a
 * decision needs besides the clock, without the person's identifiers (only the keyed hash that suppressions match).
 * It stays exact while no change after {@code loadedSeq} names {@code token1} (the contact's id, or for an unknown
 * recipient the id or identifier hash a new contact would be logged under) or {@code token2} (the hash of the
 * identifier this channel reaches, which suppressions are logged under). On push, which reaches no identifier, {@code
 * token2} and {@code token3} are the hashes of the address and number its ERASED mark is read under ({@link
 * eu.consent.purpose.Channel#markedThrough()}); on post, which reads that mark there too, they follow the address's
 * own hash (when held) as {@code token3} and {@code token4}; both are null on every other channel.
 *
 * @param contactId null for a recipient that names no contact
 * @param sends the sends of the purpose within the longest cap window, when a cap applies
 */
record Projection(
        long loadedSeq,
        String token1,
        String token2,
        String token3,
        String token4,
        UUID contactId,
        Audience audience,
        boolean customer,
        String country,
        ConsentState state,
        Instant since,
        boolean stateByPerson,
        Instant pausedUntil,
        FrequencyCap cap,
        Set<Channel> preferredChannels,
        Instant createdAt,
        Instant lastActiveAt,
        List<Facts.Block> blocks,
        List<Instant> sends) {

    /** Country codes are few: one instance each rather than one per contact. */
    private static final Map<String, String> COUNTRIES = new ConcurrentHashMap<>();

    static Projection unknown(String token, long loadedSeq) {
        return new Projection(
                loadedSeq,
                token,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                ConsentState.NONE,
                null,
                false,
                null,
                null,
                Set.of(),
                null,
                null,
                List.of(),
                List.of());
    }

    static Projection of(
            FactsLoader.Row row,
            String purposeKey,
            String identifierHash,
            List<String> markHashes,
            List<Facts.Block> blocks,
            List<Instant> sends,
            long loadedSeq) {
        FrequencyCap cap = row.caps().get(purposeKey);
        List<String> hashes = new ArrayList<>(3);
        if (identifierHash != null) {
            hashes.add(identifierHash);
        }
        hashes.addAll(markHashes);
        return new Projection(
                loadedSeq,
                row.id().toString(),
                hashes.size() > 0 ? hashes.get(0) : null,
                hashes.size() > 1 ? hashes.get(1) : null,
                hashes.size() > 2 ? hashes.get(2) : null,
                row.id(),
                row.audience(),
                row.customer(),
                row.country() == null ? null : COUNTRIES.computeIfAbsent(row.country(), c -> c),
                row.state() == null ? ConsentState.NONE : row.state(),
                row.since(),
                row.stateByPerson(),
                row.pausedUntil(),
                cap,
                row.preferredChannels().isEmpty() ? Set.of() : row.preferredChannels(),
                row.createdAt(),
                row.lastActiveAt(),
                blocks.isEmpty() ? List.of() : List.copyOf(blocks),
                cap == null || sends.isEmpty() ? List.of() : List.copyOf(sends));
    }

    /** Whether a purpose is retired, as read at {@code loadedSeq}. */
    record Retired(boolean retired, long loadedSeq) {}
}
