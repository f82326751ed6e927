package eu.consent.web.purpose;

import eu.consent.purpose.Notice;
import java.time.Instant;
import java.util.UUID;

/** A notice as the API shows it, with its text and the SHA-256 that proves the text. */
public record NoticeView(
        UUID id, String purpose, String locale, int version, String text, String sha256, Instant createdAt) {

    public static NoticeView of(Notice n) {
        return new NoticeView(n.id(), n.purposeKey(), n.locale(), n.version(), n.text(), n.sha256(), n.createdAt());
    }
}
