package eu.consent.suppression;

import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.purpose.PurposeKey;
import java.util.Objects;

/**
 * The command to suppress one identifier: its kind and normalized form (an address as {@code EmailAddresses}, a phone
 * in E.164, a postal address as {@code PostalAddresses} write them), the channel, the purpose ({@code null}: all), the
 * reason and the source ({@code null}: the caller's default). Typed, so that the domain never parses what a request
 * carried; whether the purpose exists and whether the source is the caller's to name are the service's checks.
 */
public record AddSuppression(
        IdentifierKind kind,
        String identifier,
        Channel channel,
        PurposeKey purpose,
        SuppressionReason reason,
        String source) {

    public AddSuppression {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
        if (!channel.reachedBy(kind)) {
            throw new IllegalArgumentException(channel + " is not reached through " + kind);
        }
        if (reason == SuppressionReason.ERASED) {
            throw new IllegalArgumentException(SuppressionService.ERASED_REFUSED);
        }
    }
}
