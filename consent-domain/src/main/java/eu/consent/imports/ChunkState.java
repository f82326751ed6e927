package eu.consent.imports;

import eu.consent.consent.ConsentDerivation;
import eu.consent.consent.ConsentEvent;
import eu.consent.purpose.Channel;
import eu.consent.suppression.SuppressionReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What one chunk of an import knows and will write: the contacts its rows name (loaded and locked by
 * {@link ChunkLoader}, or new), their consent facts and the suppressions on their identifiers; then the events, the
 * touched consent keys and the rejects that {@link ImportRules} decided and {@link ChunkStatements} writes.
 */
final class ChunkState {

    /** One (contact, purpose, channel): the unit of the consent state. */
    record Key(String contactId, String purposeKey, Channel channel) {}

    /** A suppression entry on an identifier hash. */
    record Block(Channel channel, String purposeKey, SuppressionReason reason) {}

    final Map<String, HeldContact> byEmail = new HashMap<>();
    final Map<String, HeldContact> byPhone = new HashMap<>();
    final Map<String, HeldContact> byId = new LinkedHashMap<>();
    final Map<Key, List<ConsentDerivation.Fact>> facts = new HashMap<>();

    /** Keys that already have a consent state row (updated, not inserted). */
    final Set<Key> existingKeys = new HashSet<>();

    /** The evidence imported before ({@link #evidence}): a re-import records none of it twice. */
    final Set<String> importedEvidence = new HashSet<>();

    final Map<String, List<Block>> blocks = new HashMap<>();
    final List<ConsentEvent> events = new ArrayList<>();

    /** The events among them that are opt-outs ({@link eu.consent.consent.ConsentWithdrawn#tookEffect}). */
    final List<ConsentEvent> optOuts = new ArrayList<>();

    final Set<Key> touched = new LinkedHashSet<>();
    final List<Item.Rejected> rejected = new ArrayList<>();

    /** Keyed hashes of the chunk's identifiers, each computed once (suppression look-up, contact, reject). */
    private final Map<String, String> hashed = new HashMap<>();

    private final UnaryOperator<String> hash;

    ChunkState(UnaryOperator<String> hash) {
        this.hash = hash;
    }

    String hashOf(String identifier) {
        return hashed.computeIfAbsent(identifier, hash);
    }

    /** Holds a contact under its id and identifiers. */
    void hold(HeldContact h) {
        byId.put(h.id, h);
        if (h.email != null) {
            byEmail.put(h.email, h);
        }
        if (h.phone != null) {
            byPhone.put(h.phone, h);
        }
    }

    /**
     * The contacts the chunk wrote: created, changed, or given a consent event. Its audit entry lists them, so each
     * person's audit and access export show the import that changed their data; a row that matched a person and
     * changed nothing (a re-import) wrote nothing about them.
     */
    List<String> written() {
        Set<String> ids = new LinkedHashSet<>();
        for (HeldContact h : byId.values()) {
            if (h.isNew || h.changed) {
                ids.add(h.id);
            }
        }
        for (ConsentEvent e : events) {
            ids.add(e.contactId().toString());
        }
        return List.copyOf(ids);
    }

    /** What makes a piece of imported evidence the same as one imported before. */
    static String evidence(String contactId, String purposeKey, Channel channel, Object action, Instant occurredAt) {
        return contactId + "/" + purposeKey + "/" + channel + "/" + action + "/" + occurredAt;
    }
}
