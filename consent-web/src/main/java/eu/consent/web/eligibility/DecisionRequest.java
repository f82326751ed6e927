package eu.consent.web.eligibility;

import eu.consent.eligibility.DecisionInput;
import eu.consent.eligibility.Recipient;
import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKey;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Violations;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A single decision as a client asks it (the {@code DecisionInput} of the API): exactly one of contactId, email or
 * phone, the purpose and the channel, carried as a typed {@link DecisionInput}. The checks are written out rather than
 * declared for Bean Validation: the recipient count is answered alone, before the purpose and channel, and this is
 * the hottest request of the service, so a valid one allocates nothing for its checks.
 */
public record DecisionRequest(String contactId, String email, String phone, String purpose, String channel) {

    private static final Map<String, Channel> CHANNELS =
            Arrays.stream(Channel.values()).collect(Collectors.toUnmodifiableMap(Channel::name, Function.identity()));

    /** The command, or the errors of the first check that fails. */
    public DecisionInput toCommand() {
        int named = (contactId == null ? 0 : 1) + (email == null ? 0 : 1) + (phone == null ? 0 : 1);
        if (named != 1) {
            throw new InvalidInputException(
                    "contactId", "name the recipient by exactly one of contactId, email or phone");
        }
        Channel on = channel == null ? null : CHANNELS.get(channel);
        if (purpose == null || on == null) {
            Violations v = new Violations();
            v.require("purpose", purpose);
            v.enumValue("channel", v.require("channel", channel), Channel.class);
            v.throwIfAny();
        }
        if (contactId != null) {
            return new DecisionInput(Recipient.Kind.CONTACT_ID, contactId, new PurposeKey(purpose), on);
        }
        return email != null
                ? new DecisionInput(Recipient.Kind.EMAIL, email, new PurposeKey(purpose), on)
                : new DecisionInput(Recipient.Kind.PHONE, phone, new PurposeKey(purpose), on);
    }
}
