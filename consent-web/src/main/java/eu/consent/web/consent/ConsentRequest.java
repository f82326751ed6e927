package eu.consent.web.consent;

import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentLedger;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.Proof;
import eu.consent.consent.RecordConsent;
import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKey;
import eu.consent.shared.Violations;
import eu.consent.web.validation.EnumName;
import eu.consent.web.validation.RequestChecks;
import eu.consent.web.validation.UuidText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.UUID;

/**
 * A consent event as a client sends it (the {@code ConsentInput} of the API): raw values, so that an unknown enum
 * value or a malformed id is an error on its field rather than an unreadable body, checked here and then carried as a
 * typed {@link RecordConsent}.
 */
public record ConsentRequest(
        @NotNull(message = "is required") @UuidText String contactId,
        @NotNull(message = "is required") String purpose,

        @NotNull(message = "is required") @EnumName(Channel.class)
        String channel,

        @NotNull(message = "is required")
        @EnumName(value = ConsentAction.class, unlisted = "CONFIRM")
        @Pattern(regexp = "(?s)(?!CONFIRM\\z).*", message = ConsentLedger.CONFIRM_REFUSED)
        String action,

        @NotNull(message = "is required") @EnumName(ConsentSource.class)
        String source,

        @UuidText String noticeId,
        Proof proof,
        Instant occurredAt) {

    /**
     * The command, or every field error at once. A source naming the server's own acts is refused first and alone, as
     * the answer has always been; the proof's limits are the domain's and are listed after the fields.
     */
    public RecordConsent toCommand(RequestChecks checks) {
        ConsentLedger.refuseServerOwned(source);
        Violations v = checks.check(this);
        Proof.check(proof, "proof.", v);
        v.throwIfAny();
        return new RecordConsent(
                UUID.fromString(contactId),
                new PurposeKey(purpose),
                Channel.valueOf(channel),
                ConsentAction.valueOf(action),
                ConsentSource.valueOf(source),
                noticeId == null ? null : UUID.fromString(noticeId),
                proof,
                occurredAt);
    }
}
