package eu.consent.audit;

import java.util.Collections;
import java.util.List;

/**
 * Fired synchronously inside the transaction of every audited change, after its entry is written: observers (the
 * webhook outbox) add their own rows to the same transaction, so they commit or vanish with the change. {@code
 * subjects} are the ids the entry is about: its own subject id, or, for an entry about many contacts (a chunk of the
 * purge), each of their ids, which the entry itself keeps only as keyed hashes.
 */
public record Audited(AuditEntry entry, List<String> subjects) {

    public Audited(AuditEntry entry) {
        this(entry, Collections.singletonList(entry.subjectId()));
    }
}
