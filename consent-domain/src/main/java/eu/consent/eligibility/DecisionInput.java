package eu.consent.eligibility;

import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKey;
import java.util.Objects;

/**
 * "May I send a message of {@code purpose} on {@code channel} to this recipient?", typed by the web layer's request.
 * The recipient stays as the caller wrote it, named by its kind: it is read by {@link Recipient#of} as every line of
 * a bulk list is, and only after the purpose and channel, whose errors have always been answered first.
 */
public record DecisionInput(Recipient.Kind by, String identifier, PurposeKey purpose, Channel channel) {

    public DecisionInput {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(channel, "channel");
    }
}
