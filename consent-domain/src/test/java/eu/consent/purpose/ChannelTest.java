package eu.consent.purpose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each channel names the identifier it reaches a person through; the sets per identifier follow from it. */
class ChannelTest {

    @Test
    void emailAndCustomAudiencesUseTheAddressSmsAndCallsTheNumberPostTheEnvelope() {
        assertEquals(Set.of(Channel.EMAIL, Channel.SOCIAL_ADS), Channel.reachedThrough(IdentifierKind.EMAIL));
        assertEquals(Set.of(Channel.SMS, Channel.PHONE), Channel.reachedThrough(IdentifierKind.PHONE));
        assertEquals(Set.of(Channel.POSTAL), Channel.reachedThrough(IdentifierKind.POSTAL));
        assertEquals(Optional.empty(), Channel.PUSH.identifier(), "a device channel has no identifier to suppress");
    }

    @Test
    void everyChannelButPushIsReachedThroughExactlyOneKind() {
        EnumSet<Channel> covered = EnumSet.noneOf(Channel.class);
        for (IdentifierKind kind : IdentifierKind.values()) {
            for (Channel c : Channel.reachedThrough(kind)) {
                assertTrue(covered.add(c), c + " under two kinds");
                assertTrue(c.reachedBy(kind));
                assertEquals(Optional.of(kind), c.identifier());
            }
        }
        assertEquals(EnumSet.complementOf(EnumSet.of(Channel.PUSH)), covered);
        assertFalse(Channel.PUSH.reachedBy(IdentifierKind.EMAIL));
    }

    /**
     * An erasure's mark hangs on the identifier a channel reaches; push, which reaches none, hangs it on the address and
     * the number a person comes back with.
     */
    @Test
    void pushIsMarkedThroughTheAddressAndTheNumberTheOthersThroughTheirOwnIdentifier() {
        assertEquals(Set.of(IdentifierKind.EMAIL, IdentifierKind.PHONE), Channel.PUSH.markedThrough());
        // Post through the envelope's address and, as a letter may go to an address never given to us, the others.
        assertEquals(
                Set.of(IdentifierKind.POSTAL, IdentifierKind.EMAIL, IdentifierKind.PHONE),
                Channel.POSTAL.markedThrough());
        for (Channel c : EnumSet.complementOf(EnumSet.of(Channel.PUSH, Channel.POSTAL))) {
            assertEquals(Set.of(c.identifier().orElseThrow()), c.markedThrough(), c.name());
        }
        assertEquals(
                Set.of(Channel.EMAIL, Channel.SOCIAL_ADS, Channel.PUSH, Channel.POSTAL),
                Channel.markedThrough(IdentifierKind.EMAIL));
        assertEquals(
                Set.of(Channel.SMS, Channel.PHONE, Channel.PUSH, Channel.POSTAL),
                Channel.markedThrough(IdentifierKind.PHONE));
        assertEquals(Set.of(Channel.POSTAL), Channel.markedThrough(IdentifierKind.POSTAL));
    }
}
