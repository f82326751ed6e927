package eu.consent.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An entry asked for again is dated from then, keeps its id, and never moves back; it is the entry asked for by its
 * channel, purpose, reason and source together, and by nothing less.
 */
class SuppressionTest {

    private static final Instant MADE = Instant.now().minusSeconds(3_600);

    private static Suppression unsubscribed() {
        return new Suppression(
                "h".repeat(64),
                IdentifierKind.EMAIL,
                Channel.EMAIL,
                null,
                SuppressionReason.UNSUBSCRIBED,
                "callcentre",
                MADE);
    }

    @Test
    void aLaterRequestDatesTheSameEntryFromThen() {
        Suppression entry = unsubscribed();
        UUID id = entry.id();
        Instant again = MADE.plusSeconds(1_800);
        Instant written = again.plusSeconds(60);
        assertTrue(entry.renew(again, written));
        assertEquals(again, entry.createdAt());
        assertEquals(written, entry.recordedAt(), "the outbound files send it again");
        assertEquals(id, entry.id(), "clients' references to the entry hold");
    }

    @Test
    void anEarlierOrEqualTimeNeverMovesItBack() {
        Suppression entry = unsubscribed();
        assertFalse(entry.renew(MADE, MADE.plusSeconds(60)));
        assertFalse(entry.renew(MADE.minusSeconds(60), MADE.plusSeconds(60)));
        assertEquals(MADE, entry.createdAt());
        assertEquals(MADE, entry.recordedAt());
    }

    @Test
    void itIsAskedForByItsChannelPurposeReasonAndSourceTogether() {
        Suppression entry = unsubscribed();
        assertTrue(entry.isAskedBy(Channel.EMAIL, null, SuppressionReason.UNSUBSCRIBED, "callcentre"));
        assertFalse(
                entry.isAskedBy(Channel.EMAIL, "newsletter", SuppressionReason.UNSUBSCRIBED, "callcentre"),
                "an entry for every purpose is not one purpose's");
        assertFalse(entry.isAskedBy(Channel.SOCIAL_ADS, null, SuppressionReason.UNSUBSCRIBED, "callcentre"));
        assertFalse(entry.isAskedBy(Channel.EMAIL, null, SuppressionReason.MANUAL, "callcentre"));
        assertFalse(
                entry.isAskedBy(Channel.EMAIL, null, SuppressionReason.UNSUBSCRIBED, "crm"),
                "another source's entry is its own: that source's resync or deletion must not take this one");

        Suppression scoped = new Suppression(
                "h".repeat(64),
                IdentifierKind.EMAIL,
                Channel.EMAIL,
                "newsletter",
                SuppressionReason.UNSUBSCRIBED,
                "callcentre",
                MADE);
        assertTrue(scoped.isAskedBy(Channel.EMAIL, "newsletter", SuppressionReason.UNSUBSCRIBED, "callcentre"));
        assertFalse(scoped.isAskedBy(Channel.EMAIL, null, SuppressionReason.UNSUBSCRIBED, "callcentre"));
    }
}
