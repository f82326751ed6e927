package eu.consent.audit;

/**
 * The result of checking the chain: {@code entries} checked, {@code head} the last good hash, and where it is not
 * valid, the first entry that breaks it and why.
 */
public record AuditVerification(boolean valid, long entries, String head, Long brokenAt, String reason) {

    static AuditVerification valid(long entries, String head) {
        return new AuditVerification(true, entries, head, null, null);
    }

    static AuditVerification broken(long entries, String head, long brokenAt, String reason) {
        return new AuditVerification(false, entries, head, brokenAt, reason);
    }
}
