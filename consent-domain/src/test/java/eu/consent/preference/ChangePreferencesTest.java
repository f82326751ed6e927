package eu.consent.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.eligibility.FrequencyCap;
import eu.consent.preference.ChangePreferences.Member;
import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKey;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChangePreferencesTest {

    private static final Instant NOW = Instant.now();
    private static final Instant PAUSE = NOW.plus(Duration.ofDays(10));
    private static final FrequencyCap WEEKLY = new FrequencyCap(1, FrequencyCap.Per.WEEK);

    private static Preferences current() {
        Preferences p = new Preferences(UUID.randomUUID());
        p.replace(Map.of("promo", WEEKLY), Set.of(Channel.EMAIL), PAUSE, NOW);
        return p;
    }

    private static ChangePreferences change(
            Map<PurposeKey, FrequencyCap> caps, Set<Channel> channels, Instant pause, Set<Member> sent) {
        return new ChangePreferences(caps, channels, pause, sent);
    }

    @Test
    void aMemberLeftOutKeepsItsValue() {
        ReplacePreferences whole = change(Map.of(), Set.of(Channel.EMAIL, Channel.SMS), null, Set.of(Member.CHANNELS))
                .applyTo(current());
        assertEquals(Map.of(new PurposeKey("promo"), WEEKLY), whole.caps());
        assertEquals(EnumSet.of(Channel.EMAIL, Channel.SMS), whole.channels());
        assertEquals(PAUSE, whole.pausedUntil());
    }

    @Test
    void membersSentEmptyOrNullClearTheirValue() {
        ReplacePreferences whole =
                change(Map.of(), Set.of(), null, EnumSet.allOf(Member.class)).applyTo(current());
        assertTrue(whole.caps().isEmpty());
        assertTrue(whole.channels().isEmpty());
        assertNull(whole.pausedUntil());
    }

    @Test
    void nothingSentIsNoChange() {
        Preferences current = current();
        assertTrue(ChangePreferences.unchanged(
                current, change(Map.of(), Set.of(), null, Set.of()).applyTo(current)));
        assertFalse(ChangePreferences.unchanged(
                current,
                change(Map.of(), Set.of(), null, Set.of(Member.PAUSED_UNTIL)).applyTo(current)));
    }
}
