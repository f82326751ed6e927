package eu.consent.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentState;
import org.junit.jupiter.api.Test;

class ReceiptStatusTest {

    @Test
    void aGrantWaitingForItsConfirmationIsConsentRequestedAndTheConfirmationGivesIt() {
        assertEquals("dpv:ConsentRequested", Receipts.status(ConsentAction.GRANT, true));
        assertEquals("dpv:ConsentGiven", Receipts.status(ConsentAction.CONFIRM, false));
        assertEquals("dpv:ConsentGiven", Receipts.status(ConsentAction.GRANT, false));
    }

    @Test
    void anOptOutIsWithdrawnOrRefused() {
        assertEquals("dpv:ConsentWithdrawn", Receipts.status(ConsentAction.WITHDRAW, false));
        assertEquals("dpv:ConsentRefused", Receipts.status(ConsentAction.OBJECT, false));
    }

    @Test
    void anExpiredDoubleOptInIsNoWithdrawal() {
        assertEquals("dpv:ConsentExpired", Receipts.status(ConsentAction.WITHDRAW, false, true));
        assertEquals("dpv:ConsentWithdrawn", Receipts.status(ConsentAction.WITHDRAW, false, false));
    }

    @Test
    void aGrantThatLeftThePairWithdrawnOrObjectedSaysSoNotGiven() {
        assertEquals(
                "dpv:ConsentWithdrawn", Receipts.status(ConsentAction.GRANT, false, false, ConsentState.WITHDRAWN));
        assertEquals("dpv:ConsentRefused", Receipts.status(ConsentAction.GRANT, false, false, ConsentState.OBJECTED));
        assertEquals("dpv:ConsentGiven", Receipts.status(ConsentAction.GRANT, false, false, ConsentState.GRANTED));
        assertEquals("dpv:ConsentRequested", Receipts.status(ConsentAction.GRANT, true, false, ConsentState.PENDING));
        // a client's grant that found the person's re-opening waiting: still asked for
        assertEquals("dpv:ConsentRequested", Receipts.status(ConsentAction.GRANT, false, false, ConsentState.PENDING));
        assertEquals(
                "dpv:ConsentWithdrawn", Receipts.status(ConsentAction.WITHDRAW, false, false, ConsentState.WITHDRAWN));
    }
}
