package eu.consent.web.purpose;

import eu.consent.purpose.Channel;
import eu.consent.purpose.CreatePurpose;
import eu.consent.purpose.PurposeKey;
import eu.consent.purpose.PurposeKind;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.Violations;
import eu.consent.web.validation.EnumName;
import eu.consent.web.validation.EnumNames;
import eu.consent.web.validation.RequestChecks;
import jakarta.validation.constraints.NotNull;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A purpose as an administrator defines it (the {@code PurposeInput} of the API, and the console's form): raw values,
 * so that an unknown kind or channel is an error on its field, checked here and then carried as a typed
 * {@link CreatePurpose}.
 */
public record PurposeRequest(
        @NotNull(message = "is required") String key,

        @NotNull(message = "is required") @EnumName(PurposeKind.class)
        String kind,

        List<String> channels,
        @NotNull(message = "is required") Boolean doubleOptIn,
        @NotNull(message = "is required") Boolean similarToPurchases,
        Map<String, String> names) {

    /** The command, or every field error at once, in the order of the body. */
    public CreatePurpose toCommand(RequestChecks checks) {
        Set<Channel> reached = EnumSet.noneOf(Channel.class);
        checks.check(this, v -> {
                    if (key != null && !PurposeService.isWellFormedKey(key)) {
                        v.add("key", PurposeService.KEY_RULE);
                    }
                    channels(reached, v);
                    PurposeService.checkNames(names, v);
                })
                .throwIfAny();
        return new CreatePurpose(
                new PurposeKey(key), PurposeKind.valueOf(kind), reached, doubleOptIn, similarToPurchases, names);
    }

    /** Each channel named; no channel at all is one error. */
    private void channels(Set<Channel> reached, Violations v) {
        if (channels == null || channels.isEmpty()) {
            v.add("channels", "must name at least one channel");
        } else {
            reached.addAll(EnumNames.each(channels, "channels", Channel.class, v));
        }
    }
}
