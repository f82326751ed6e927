package eu.consent.audit;

/**
 * Fired synchronously inside the transaction of every audited change, after its entry is written: observers (the
 * webhook outbox) add their own rows to the same transaction, so they commit or vanish with the change.
 */
public record Audited(AuditEntry entry) {}
