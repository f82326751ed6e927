package eu.consent.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class IdentifiersInTextTest {

    @Test
    void anUnreadableRowKeepsItsFirstEmailAndPhoneAndMasksTheOthers() {
        IdentifiersInText.Kept kept = IdentifiersInText.keeping(
                "Jane@Example.com other@example.org,+33 6 12 34 56 78,06 98 76 54 32,FR", null, null, null);
        assertEquals("Jane@Example.com [email],+33 6 12 34 56 78,[phone],FR", kept.text());
        assertEquals("jane@example.com", kept.email());
        assertEquals("+33612345678", kept.phone());
    }

    @Test
    void aNationalNumberIsReadInTheCountryGiven() {
        IdentifiersInText.Kept kept = IdentifiersInText.keeping("x,06 12 34 56 78", null, null, "FR");
        assertEquals("x,06 12 34 56 78", kept.text());
        assertEquals("+33612345678", kept.phone());
        assertNull(kept.email());
    }

    @Test
    void aRowsOwnIdentifiersStayWhereverTheyAreAndEveryOtherIsMasked() {
        IdentifiersInText.Kept kept = IdentifiersInText.keeping(
                "a@b.example,06 12 34 56 78,FR,\"note: write to jane@example.com or +44 20 7946 0958\",JANE@EXAMPLE.COM",
                "jane@example.com",
                "+33612345678",
                "FR");
        assertEquals(
                "[email],06 12 34 56 78,FR,\"note: write to jane@example.com or [phone]\",JANE@EXAMPLE.COM",
                kept.text());
        assertEquals("jane@example.com", kept.email());
        assertEquals("+33612345678", kept.phone());
    }

    @Test
    void anAddressSpacedOrSpelledOutIsMaskedAsOneTypedPlainly() {
        assertEquals(
                "write to [email], [email], [email] or [email].",
                IdentifiersInText.masked("write to Jane @ Example.COM, jane(at)example.com, jane [AT] example.com or"
                        + " jane@example.com."));
        assertEquals("at 3 pm (at) home, me @ work", IdentifiersInText.masked("at 3 pm (at) home, me @ work"));
    }

    @Test
    void aDateAndATimeAreNoPhoneNumber() {
        assertEquals(
                "x,2026-12-01 10:00:00Z,2026-12-01 10:00,[phone]: call",
                IdentifiersInText.masked("x,2026-12-01 10:00:00Z,2026-12-01 10:00,06 12 34 56 78: call"));
    }

    @Test
    void aLongRunOfDigitsIsNoPhoneNumberAndNoFailure() {
        String digits = "7".repeat(5_000);
        assertEquals("call " + digits, IdentifiersInText.masked("call " + digits));
        assertEquals("[phone] or " + digits, IdentifiersInText.masked("+33 6 12 34 56 78 or " + digits));
    }

    @Test
    void textWithoutIdentifiersIsKeptAsItIs() {
        String text = "order A123456789,2026-12-05,25 000";
        IdentifiersInText.Kept kept = IdentifiersInText.keeping(text, null, null, null);
        assertEquals(text, kept.text());
        assertNull(kept.email());
        assertNull(kept.phone());
    }
}
