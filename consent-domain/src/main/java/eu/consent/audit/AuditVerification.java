package eu.consent.audit;

/**
 * The result of checking the chain: {@code entries} checked, {@code head} the last good hash, and where it is not
 * valid, the first entry that breaks it and why. {@code keyedFrom}: the first entry sealed with the audit secret;
 * {@code exportedHead}: the last head exported outside the database, which the chain must still pass through.
 */
public record AuditVerification(
        boolean valid,
        long entries,
        String head,
        Long brokenAt,
        String reason,
        Long keyedFrom,
        ExportedHead exportedHead) {

    static AuditVerification valid(long entries, String head) {
        return new AuditVerification(true, entries, head, null, null, null, null);
    }

    static AuditVerification broken(long entries, String head, long brokenAt, String reason) {
        return new AuditVerification(false, entries, head, brokenAt, reason, null, null);
    }

    AuditVerification with(AuditKey key, ExportedHead exported) {
        return new AuditVerification(valid, entries, head, brokenAt, reason, key.keyedFrom(), exported);
    }

    AuditVerification brokenBy(Long at, String why) {
        return new AuditVerification(false, entries, head, at, why, keyedFrom, exportedHead);
    }
}
