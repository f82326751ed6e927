package eu.consent.audit;

import java.time.Instant;

/**
 * A head of the chain as exported outside the database: an entry known good, the entry from which the chain is
 * keyed, when, and an HMAC over all of it with the audit secret. {@code signed} is false when the signature does not
 * match (the file was edited).
 */
public record ExportedHead(
        long seq, String hash, long keyedFrom, Instant exportedAt, String signature, boolean signed) {

    /** The text the signature covers. */
    static String text(long seq, String hash, long keyedFrom, Instant exportedAt) {
        return "audit-head;" + seq + ";" + hash + ";" + keyedFrom + ";" + exportedAt;
    }
}
