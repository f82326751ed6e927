package eu.consent.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdentifiersInTextTest {

    @Test
    void anUnreadableRowKeepsItsFirstEmailAndPhoneAndMasksTheOthers() {
        IdentifiersInText.Kept kept = IdentifiersInText.keepingFirst(
                "Jane@Example.com other@example.org,+33 6 12 34 56 78,06 98 76 54 32,FR", null);
        assertEquals("Jane@Example.com [email],+33 6 12 34 56 78,[phone],FR", kept.text());
        assertEquals("jane@example.com", kept.email());
        assertEquals("+33612345678", kept.phone());
    }

    @Test
    void aNationalNumberIsReadInTheCountryGiven() {
        IdentifiersInText.Kept kept = IdentifiersInText.keepingFirst("x,06 12 34 56 78", "FR");
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

    /** A read row with an empty phone cell has no number of its own: one in an attribute is masked (BA's F9). */
    @Test
    void aReadRowWithoutAPhoneKeepsNoNumberOfAnAttribute() {
        IdentifiersInText.Kept kept =
                IdentifiersInText.keeping("jane@example.com,,FR,\"call 0616518471\"", "jane@example.com", null, "FR");
        assertEquals("jane@example.com,,FR,\"call [phone]\"", kept.text());
        assertNull(kept.phone());
    }

    /** Written-out dots, escapes, a full-width at sign, an invisible soft hyphen (tester BE's F2). */
    @Test
    void anAddressWrittenOutOrEscapedIsMasked() {
        assertEquals(
                "[email] | [email] | [email] | [email] | [email] | [email] | [email] | meet at noon. at home",
                IdentifiersInText.masked("jo (at) gmail (dot) com | jo [at] gmail [dot] com | jo at gmail dot com"
                        + " | jo%40gmail.com | jo\uff20gmail.com | jo&#64;gmail.com | jo@gm\u00adail.com"
                        + " | meet at noon. at home"));
        assertTrue(IdentifiersInText.holdsIdentifier("crm jo%40gmail.com"));
        // Ordinary sentences stay (review 46): a domain ends with letters, and a bare "point" is a word.
        for (String sentence : new String[] {
            "Call back at 10.30 please", "I gave up at some point I think", "sync at 10.30", "meet at noon. at home"
        }) {
            assertEquals(sentence, IdentifiersInText.masked(sentence));
        }
        assertFalse(IdentifiersInText.holdsIdentifier("sync at 10.30"));
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

    /** A textarea's line break, or middle dots, between the groups of a number (tester BA's F7). */
    @Test
    void aNumberSplitByALineBreakOrGroupedWithMiddleDotsIsMasked() {
        assertEquals(
                "call [phone] or [phone]",
                IdentifiersInText.masked("call 06 12 25\n48 28 or 06\u00b712\u00b725\u00b748\u00b728"));
        assertTrue(IdentifiersInText.holdsIdentifier("cc 06\u00b711\u00b747\u00b744\u00b734"));
    }

    @Test
    void textWithoutIdentifiersIsKeptAsItIs() {
        String text = "order A123456789,2026-12-05,25 000";
        IdentifiersInText.Kept kept = IdentifiersInText.keepingFirst(text, null);
        assertEquals(text, kept.text());
        assertNull(kept.email());
        assertNull(kept.phone());
    }

    @Test
    void aNumberWrittenWithSlashesSpacedDashesOrTypographicSpacesIsMasked() {
        assertEquals(
                "fixe: [phone] ; bureau [phone] ; [phone] (espaces fines), [phone], [phone], [phone]",
                IdentifiersInText.masked("fixe: 01/42/68/53/00 ; bureau 04 - 78 - 12 - 34 - 56 ;"
                        + " 06\u202f98\u202f76\u202f54\u202f32 (espaces fines), +33\u20096\u200912\u200934\u200956\u200978,"
                        + " 06\u200712\u200734\u200756\u200778, 06_12_34_56_78"));
        assertEquals(
                "x,2026-12-01 10:00:00Z,01/12/2026", IdentifiersInText.masked("x,2026-12-01 10:00:00Z,01/12/2026"));
    }

    @Test
    void aRowsOwnNumberInATypographicSpellingIsReadAndKeptSoThatItsErasureFindsIt() {
        IdentifiersInText.Kept kept = IdentifiersInText.keepingFirst(
                "06\u202f16\u202f69\u202f47\u202f85,FR,B2C,\"conjoint: 06/55/44/33/22\"", "FR");
        assertEquals("06\u202f16\u202f69\u202f47\u202f85,FR,B2C,\"conjoint: [phone]\"", kept.text());
        assertEquals("+33616694785", kept.phone());
    }

    @Test
    void aNameHoldsANumberAlsoRunIntoItsWordsButNotADate() {
        for (String name : new String[] {
            "crm 06 12 34 56 78",
            "crm 06/12/34/56/78",
            "agent 06 - 12 - 34 - 56 - 78",
            "crm-06-12-34-56-78",
            "sms_0612345678",
            "gw+33612345678",
            "jane@example.com"
        }) {
            assertEquals(true, IdentifiersInText.holdsIdentifier(name), name);
        }
        for (String name : new String[] {
            "crm",
            "batch-20261207-1030",
            "crm 2026-12-07 10:30",
            "esp-4711",
            "az-sms-gw",
            "src-abcdef1-0123-4567-89ab-0123456789ab",
            "crm-0123-4567-8901-2345"
        }) {
            assertEquals(false, IdentifiersInText.holdsIdentifier(name), name);
        }
    }
}
