package eu.consent.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.consent.purpose.Channel;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The preferred channels a save of the preference page leaves: what it offered is what the person ticked. */
class PreferredChannelsTest {

    private static final List<Channel> EMAIL_AND_SMS = List.of(Channel.EMAIL, Channel.SMS);

    @Test
    void noneChosenStaysNoneChosenWhenEveryOfferedChannelIsTicked() {
        assertEquals(
                Set.of(),
                PreferenceCentre.preferredChannels(
                        EnumSet.noneOf(Channel.class), EnumSet.of(Channel.EMAIL, Channel.SMS), EMAIL_AND_SMS));
    }

    /**
     * Unticking email where none was chosen: the others, and of those the page did not offer the ones nothing comes on
     * without the person's consent (post and calls need none: not carried).
     */
    @Test
    void untickingOneOfferedChannelPrefersTheOthers() {
        assertEquals(
                EnumSet.of(Channel.SMS, Channel.SOCIAL_ADS, Channel.PUSH),
                PreferenceCentre.preferredChannels(
                        EnumSet.noneOf(Channel.class), EnumSet.of(Channel.SMS), EMAIL_AND_SMS));
        assertEquals(
                Set.of(Channel.SMS),
                PreferenceCentre.preferredChannels(
                        EnumSet.noneOf(Channel.class), EnumSet.of(Channel.SMS), List.of(Channel.values())));
    }

    @Test
    void channelsThePageDidNotOfferKeepTheirChoice() {
        assertEquals(
                Set.of(Channel.EMAIL, Channel.POSTAL),
                PreferenceCentre.preferredChannels(
                        EnumSet.of(Channel.SMS, Channel.POSTAL), EnumSet.of(Channel.EMAIL), EMAIL_AND_SMS));
        assertEquals(
                Set.of(Channel.EMAIL, Channel.SMS),
                PreferenceCentre.preferredChannels(
                        EnumSet.of(Channel.SMS), EnumSet.of(Channel.EMAIL), List.of(Channel.EMAIL)));
    }

    @Test
    void tickingEveryChannelAgainIsNoneChosen() {
        Set<Channel> narrowed = PreferenceCentre.preferredChannels(
                EnumSet.noneOf(Channel.class), EnumSet.of(Channel.SMS), EMAIL_AND_SMS);
        assertEquals(
                Set.of(),
                PreferenceCentre.preferredChannels(
                        narrowed,
                        EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.POSTAL, Channel.PHONE),
                        List.of(Channel.EMAIL, Channel.SMS, Channel.POSTAL, Channel.PHONE)));
    }

    @Test
    void aFormWithoutThemOrWithNoneTickedChangesNothing() {
        Set<Channel> before = EnumSet.of(Channel.SMS);
        assertEquals(before, PreferenceCentre.preferredChannels(before, null, EMAIL_AND_SMS));
        assertEquals(before, PreferenceCentre.preferredChannels(before, EnumSet.noneOf(Channel.class), EMAIL_AND_SMS));
        assertEquals(before, PreferenceCentre.preferredChannels(before, EnumSet.of(Channel.PUSH), EMAIL_AND_SMS));
    }
}
