package eu.consent.web.consent;

import eu.consent.consent.ConsentEvent;
import eu.consent.consent.Evidence;
import eu.consent.consent.Proof;
import eu.consent.purpose.Notice;
import java.time.Instant;
import java.util.UUID;

/** One consent event with its proof and, when it names one, the notice shown (text, version, hash). */
public record ConsentEventView(
        UUID id,
        UUID contactId,
        String purpose,
        String channel,
        String action,
        String basis,
        String source,
        String origin,
        Proof proof,
        NoticeShown notice,
        Instant occurredAt,
        Instant recordedAt,
        String state) {

    /** The notice as it was shown: its exact text and the hash that proves it. */
    public record NoticeShown(UUID id, String locale, int version, String text, String sha256) {
        static NoticeShown of(Notice n) {
            return n == null ? null : new NoticeShown(n.id(), n.locale(), n.version(), n.text(), n.sha256());
        }
    }

    public static ConsentEventView of(Evidence evidence) {
        return of(evidence.event(), evidence.notice(), evidence.stateLeft().name());
    }

    public static ConsentEventView of(ConsentEvent e, Notice notice, String state) {
        return new ConsentEventView(
                e.id(),
                e.contactId(),
                e.purposeKey(),
                e.channel().name(),
                e.action().name(),
                e.basis().name(),
                e.source().name(),
                e.origin() == null ? null : e.origin().name(),
                e.proof(),
                NoticeShown.of(notice),
                e.occurredAt(),
                e.recordedAt(),
                state);
    }
}
