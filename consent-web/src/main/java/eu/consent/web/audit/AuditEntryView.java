package eu.consent.web.audit;

import eu.consent.audit.AuditEntry;
import eu.consent.shared.Jsons;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;

/** An audit entry as the API shows it, with the hashes that let anyone re-check the chain. */
public record AuditEntryView(
        long seq,
        Instant occurredAt,
        String actor,
        String action,
        String subjectType,
        String subjectId,
        JsonObject details,
        String prevHash,
        String hash) {

    public static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(
                e.seq(),
                e.occurredAt(),
                e.actor(),
                e.action(),
                e.subjectType(),
                e.subjectId(),
                e.details() == null
                        ? null
                        : Jsons.createReader(new StringReader(e.details())).readObject(),
                e.prevHash(),
                e.hash());
    }
}
