package eu.consent.web.contact;

import eu.consent.eligibility.FrequencyCap;
import eu.consent.preference.ChangePreferences;
import eu.consent.preference.PreferenceService;
import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKey;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.Violations;
import eu.consent.web.validation.EnumNames;
import eu.consent.web.validation.RequestChecks;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Preferences as a client writes them (the {@code PreferencesInput} of the API): raw values, so that an unknown period
 * or channel is an error on its field, checked here and then carried as a typed {@link ChangePreferences} that names
 * the members the body had (a member left out is kept; {@code null} is sent, and clears it).
 */
public record PreferencesRequest(Map<String, CapRequest> frequency, List<String> channels, Instant pausedUntil) {

    /** "At most {@code max} per {@code per}" for one purpose. */
    public record CapRequest(Integer max, String per) {}

    /**
     * The command, or every field error at once. A purpose no one defined is named among the errors of its cap, where
     * the answer has always listed it, so the caller says which purposes exist (the domain checks it again).
     */
    public ChangePreferences toCommand(RequestChecks checks, Predicate<String> purposeExists, Set<String> members) {
        Map<PurposeKey, FrequencyCap> caps = new LinkedHashMap<>();
        Set<Channel> preferred = EnumSet.noneOf(Channel.class);
        checks.check(this, v -> {
                    if (frequency != null) {
                        frequency.forEach((purpose, cap) -> cap(purpose, cap, purposeExists, v)
                                .ifPresent(c -> caps.put(new PurposeKey(purpose), c)));
                    }
                    preferred.addAll(EnumNames.each(channels, "channels", Channel.class, v));
                })
                .throwIfAny();
        Set<ChangePreferences.Member> sent = EnumSet.noneOf(ChangePreferences.Member.class);
        if (members.contains("frequency")) {
            sent.add(ChangePreferences.Member.FREQUENCY);
        }
        if (members.contains("channels")) {
            sent.add(ChangePreferences.Member.CHANNELS);
        }
        if (members.contains("pausedUntil")) {
            sent.add(ChangePreferences.Member.PAUSED_UNTIL);
        }
        return new ChangePreferences(caps, preferred, pausedUntil, sent);
    }

    private static Optional<FrequencyCap> cap(
            String purpose, CapRequest cap, Predicate<String> purposeExists, Violations v) {
        String field = "frequency." + purpose;
        if (!purposeExists.test(purpose)) {
            v.add(field, PurposeService.UNKNOWN_PURPOSE);
        }
        if (cap == null) {
            v.add(field, "must be {\"max\":N,\"per\":\"DAY|WEEK|MONTH\"}");
            return Optional.empty();
        }
        if (cap.max() == null || cap.max() < 1 || cap.max() > PreferenceService.MAX_CAP) {
            v.add(field + ".max", "must be a whole number from 1 to " + PreferenceService.MAX_CAP);
        }
        FrequencyCap.Per per =
                v.enumValue(field + ".per", v.require(field + ".per", cap.per()), FrequencyCap.Per.class);
        return cap.max() == null || per == null ? Optional.empty() : Optional.of(new FrequencyCap(cap.max(), per));
    }
}
