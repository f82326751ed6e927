package eu.consent.consent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OvertakenTest {

    private static final Instant ASKED = Instant.now();

    private static Suppression entry(Channel channel, String purpose, SuppressionReason reason, long secondsAfter) {
        return new Suppression(
                "hash", IdentifierKind.EMAIL, channel, purpose, reason, "callcentre", ASKED.plusSeconds(secondsAfter));
    }

    private static boolean overtaken(Suppression... entries) {
        return Overtaken.byOptOut(ASKED, "news", Channel.EMAIL, List.of(entries), null);
    }

    /** A call centre's entry through the API, a provider's list: for all prospecting or for the purpose. */
    @ParameterizedTest
    @ValueSource(strings = {"", "news"})
    void anUnsubscribeAfterTheGrantWasAskedForOvertakesIt(String purpose) {
        assertTrue(
                overtaken(entry(Channel.EMAIL, purpose.isEmpty() ? null : purpose, SuppressionReason.UNSUBSCRIBED, 1)));
    }

    /** The person unsubscribed, then asked again: their confirmation is the fresh opt-in that answers that. */
    @Test
    void anUnsubscribeBeforeTheGrantDoesNot() {
        assertFalse(overtaken(entry(Channel.EMAIL, null, SuppressionReason.UNSUBSCRIBED, -1)));
        assertFalse(overtaken(entry(Channel.EMAIL, "news", SuppressionReason.UNSUBSCRIBED, 0)), "the same moment");
    }

    @Test
    void anUnsubscribeFromAnotherPurposeOrChannelDoesNot() {
        assertFalse(overtaken(entry(Channel.EMAIL, "promotions", SuppressionReason.UNSUBSCRIBED, 1)));
        assertFalse(overtaken(entry(Channel.SOCIAL_ADS, null, SuppressionReason.UNSUBSCRIBED, 1)));
    }

    /** A complaint made since the request was mailed: the person's "no", which the click cannot turn (AQ's F7). */
    @Test
    void aComplaintAfterTheGrantWasAskedForOvertakesIt() {
        assertTrue(overtaken(entry(Channel.EMAIL, null, SuppressionReason.COMPLAINT, 1)));
        assertFalse(overtaken(entry(Channel.EMAIL, null, SuppressionReason.COMPLAINT, -1)), "one before: as it was");
    }

    /** Not the person's opt-out: nothing a confirmation lifts, so the entry goes on blocking as it is. */
    @ParameterizedTest
    @EnumSource(
            value = SuppressionReason.class,
            names = {"UNSUBSCRIBED", "COMPLAINT"},
            mode = EnumSource.Mode.EXCLUDE)
    void otherEntriesDoNot(SuppressionReason reason) {
        assertFalse(overtaken(entry(Channel.EMAIL, null, reason, 1)));
    }

    /** "Leave everything" holds push, where no entry can; on email its entries and withdrawals speak. */
    @Test
    void leavingEverythingAfterTheGrantOvertakesItOnPush() {
        assertTrue(Overtaken.byOptOut(ASKED, "news", Channel.PUSH, List.of(), ASKED.plusMillis(1)));
        assertFalse(Overtaken.byOptOut(ASKED, "news", Channel.PUSH, List.of(), ASKED.minusMillis(1)));
        assertFalse(Overtaken.byOptOut(ASKED, "news", Channel.PUSH, List.of(), null));
        assertFalse(Overtaken.byOptOut(ASKED, "news", Channel.EMAIL, List.of(), ASKED.plusMillis(1)));
    }

    /** The mailbox the confirmation went to is someone else's now, or no one's we know: the link confirms nothing. */
    @Test
    void anAddressGivenUpSinceTheMailWasSentOvertakesIt() {
        assertTrue(Overtaken.bySentElsewhere(Optional.of("old"), "new"));
        assertTrue(Overtaken.bySentElsewhere(Optional.of("old"), null), "the email removed since");
    }

    @Test
    void theAddressStillHeldOrTakenBackDoesNot() {
        assertFalse(Overtaken.bySentElsewhere(Optional.empty(), "same"), "never changed since");
        assertFalse(Overtaken.bySentElsewhere(Optional.of("same"), "same"), "changed, then corrected back");
    }

    private static Suppression learned(
            SuppressionReason reason, String purpose, long createdAfter, long recordedAfter) {
        return new Suppression(
                "hash",
                IdentifierKind.EMAIL,
                Channel.EMAIL,
                purpose,
                reason,
                "esp:x",
                ASKED.plusSeconds(createdAfter),
                ASKED.plusSeconds(recordedAfter));
    }

    /** Since the grant, the mailbox unsubscribed (from all or the purpose), complained or was erased: no request. */
    @ParameterizedTest
    @EnumSource(
            value = SuppressionReason.class,
            names = {"UNSUBSCRIBED", "COMPLAINT", "ERASED"})
    void mailStoppedSinceTheGrantDropsItsRequest(SuppressionReason reason) {
        assertTrue(Overtaken.mailStopped(ASKED, true, "news", List.of(learned(reason, null, 1, 1))));
        assertTrue(Overtaken.mailStopped(ASKED, true, "news", List.of(learned(reason, "news", 1, 1))));
        if (reason == SuppressionReason.COMPLAINT) {
            // No consent answers a complaint: known before an email grant, it stops its request too (tester BD's F6);
            // a grant on SMS is still confirmed by mail (review 46).
            List<Suppression> before = List.of(learned(reason, null, -2, -1));
            assertTrue(Overtaken.complained(Channel.EMAIL, "news", before));
            assertFalse(Overtaken.complained(Channel.SMS, "news", before));
        }
        assertFalse(
                Overtaken.mailStopped(ASKED, true, "news", List.of(learned(reason, "promotions", 1, 1))),
                "another purpose's mail");
        assertFalse(
                Overtaken.mailStopped(ASKED, false, "news", List.of(learned(reason, null, -2, -1))),
                "known before the grant: the grant itself was refused its request then");
    }

    /**
     * A report received after the grant but dated before it: it stops a client's request; the person's own fresh
     * consent outweighs the opt-out it postdates.
     */
    @Test
    void aLateReportStopsAClientsRequestButNotThePersonsOwn() {
        Suppression late = learned(SuppressionReason.UNSUBSCRIBED, null, -1, 1);
        assertTrue(Overtaken.mailStopped(ASKED, false, "news", List.of(late)));
        assertFalse(Overtaken.mailStopped(ASKED, true, "news", List.of(late)));
    }

    @ParameterizedTest
    @EnumSource(
            value = SuppressionReason.class,
            names = {"HARD_BOUNCE", "MANUAL", "DNC_REGISTRY"})
    void otherEntriesLeaveTheRequestToTheRelaysOwnRules(SuppressionReason reason) {
        assertFalse(Overtaken.mailStopped(ASKED, false, "news", List.of(learned(reason, null, 1, 1))));
    }
}
