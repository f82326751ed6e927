package eu.consent.preference;

import eu.consent.eligibility.FrequencyCap;
import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKey;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The whole of a contact's preferences, as the preference page saves them and as a change from the API ends up: a cap per purpose, in the order
 * given, the preferred channels and a pause ({@code null}: none). Typed, so that the domain never parses what a request
 * carried; whether each purpose exists is the service's check.
 */
public record ReplacePreferences(Map<PurposeKey, FrequencyCap> caps, Set<Channel> channels, Instant pausedUntil) {

    public ReplacePreferences {
        caps = Collections.unmodifiableMap(new LinkedHashMap<>(caps));
        channels = Collections.unmodifiableSet(
                channels.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(channels));
        for (FrequencyCap cap : caps.values()) {
            if (cap.max() < 1 || cap.max() > PreferenceService.MAX_CAP) {
                throw new IllegalArgumentException("a cap counts 1 to " + PreferenceService.MAX_CAP + " messages");
            }
        }
    }
}
