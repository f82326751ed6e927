package eu.consent.audit;

import eu.consent.shared.Hashing;
import java.util.Iterator;

/** The chain's arithmetic, free of I/O: how an entry is hashed and how a run of entries is checked. */
public final class AuditChain {

    /** The {@code prevHash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /**
     * Every field but the hash itself, each written with its length first so that no two different entries can
     * produce the same text: what an entry's hash or HMAC covers.
     */
    static String text(AuditEntry e) {
        StringBuilder text = new StringBuilder(256);
        for (Object field : new Object[] {
            e.seq(), e.prevHash(), e.occurredAt(), e.actor(), e.action(), e.subjectType(), e.subjectId(), e.details()
        }) {
            String value = field == null ? "" : field.toString();
            text.append(field == null ? -1 : value.length())
                    .append(':')
                    .append(value)
                    .append(';');
        }
        return text.toString();
    }

    /** The plain SHA-256 of an entry: the links written before the chain was keyed. */
    public static String hash(AuditEntry e) {
        return Hashing.sha256Hex(text(e));
    }

    /**
     * Checks entries given in ascending {@code seq} order, starting after {@code (fromSeq, fromHash)}: each must
     * follow its predecessor without a gap, name its hash, and carry the seal {@code key} gives it.
     */
    public static AuditVerification verify(Iterator<AuditEntry> entries, long fromSeq, String fromHash, AuditKey key) {
        long seq = fromSeq;
        String hash = fromHash;
        long count = 0;
        while (entries.hasNext()) {
            AuditEntry e = entries.next();
            String problem = problem(e, seq, hash, key);
            if (problem != null) {
                return AuditVerification.broken(count, hash, e.seq(), problem);
            }
            seq = e.seq();
            hash = e.hash();
            count++;
        }
        return AuditVerification.valid(count, hash);
    }

    /** Why {@code e} does not follow {@code (previousSeq, previousHash)}, or null when it does. */
    public static String problem(AuditEntry e, long previousSeq, String previousHash, AuditKey key) {
        if (e.seq() != previousSeq + 1) {
            return "entry " + (previousSeq + 1) + " is missing";
        }
        if (!e.prevHash().equals(previousHash)) {
            return "entry does not link to the hash of entry " + previousSeq;
        }
        if (!e.hash().equals(key.seal(e))) {
            return e.seq() >= key.keyedFrom() && e.hash().equals(hash(e))
                    ? "entry was rewritten with the plain algorithm: its hash is not keyed with the audit secret"
                    : "entry was altered: its content does not match its hash";
        }
        return null;
    }
}
