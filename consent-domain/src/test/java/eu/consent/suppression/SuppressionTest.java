package eu.consent.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An entry asked for again is dated from then, keeps its id, and never moves back. */
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
        assertTrue(entry.renew(again));
        assertEquals(again, entry.createdAt());
        assertEquals(id, entry.id(), "clients' references to the entry hold");
    }

    @Test
    void anEarlierOrEqualTimeNeverMovesItBack() {
        Suppression entry = unsubscribed();
        assertFalse(entry.renew(MADE));
        assertFalse(entry.renew(MADE.minusSeconds(60)));
        assertEquals(MADE, entry.createdAt());
    }
}
