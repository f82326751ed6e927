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
 * The command to change a contact's preferences from the API: each member the client sent replaces the current one,
 * each member it left out is kept. A left-out member must never mean "none": a client sending only its channels would
 * otherwise lift a pause and the caps the person asked for.
 */
public record ChangePreferences(
        Map<PurposeKey, FrequencyCap> caps, Set<Channel> channels, Instant pausedUntil, Set<Member> sent) {

    /** The members of the preferences document. */
    public enum Member {
        FREQUENCY,
        CHANNELS,
        PAUSED_UNTIL
    }

    public ChangePreferences {
        caps = Collections.unmodifiableMap(new LinkedHashMap<>(caps));
        channels = Collections.unmodifiableSet(
                channels.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(channels));
        sent = Collections.unmodifiableSet(sent.isEmpty() ? EnumSet.noneOf(Member.class) : EnumSet.copyOf(sent));
    }

    /** The whole document once this change is applied to {@code current}. */
    public ReplacePreferences applyTo(Preferences current) {
        Map<PurposeKey, FrequencyCap> keptCaps = new LinkedHashMap<>();
        current.caps().forEach((purpose, cap) -> keptCaps.put(new PurposeKey(purpose), cap));
        return new ReplacePreferences(
                sent.contains(Member.FREQUENCY) ? caps : keptCaps,
                sent.contains(Member.CHANNELS) ? channels : current.channels(),
                sent.contains(Member.PAUSED_UNTIL) ? pausedUntil : current.pausedUntil());
    }

    /** True when {@code current} already is {@code whole}: nothing to write, audit or count. */
    static boolean unchanged(Preferences current, ReplacePreferences whole) {
        Map<String, FrequencyCap> caps = new LinkedHashMap<>();
        whole.caps().forEach((purpose, cap) -> caps.put(purpose.value(), cap));
        return current.caps().equals(caps)
                && current.channels().equals(whole.channels())
                && java.util.Objects.equals(current.pausedUntil(), whole.pausedUntil());
    }
}
