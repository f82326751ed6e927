package eu.consent.web.optout;

import eu.consent.purpose.IdentifierKind;
import eu.consent.suppression.Suppression;
import java.time.Instant;
import java.util.UUID;

/**
 * A suppression entry. The identifier is shown in clear only while a contact holds it; otherwise only its kind is
 * known (the entry keeps a keyed hash).
 */
public record SuppressionView(
        UUID id,
        String identifierKind,
        String email,
        String phone,
        String channel,
        String purpose,
        String reason,
        String source,
        Instant createdAt) {

    static SuppressionView of(Suppression s, String clearIdentifier) {
        boolean email = s.identifierKind() == IdentifierKind.EMAIL;
        boolean phone = s.identifierKind() == IdentifierKind.PHONE;
        return new SuppressionView(
                s.id(),
                s.identifierKind().name(),
                email ? clearIdentifier : null,
                phone ? clearIdentifier : null,
                s.channel().name(),
                s.purposeKey(),
                s.reason().name(),
                s.source(),
                s.createdAt());
    }
}
