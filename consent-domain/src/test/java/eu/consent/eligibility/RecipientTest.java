package eu.consent.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RecipientTest {

    /** Every spelling the contacts API reads as a number names the same recipient in a decision. */
    @Test
    void aPhoneIsReadAsTheContactsReadIt() {
        for (String spelling : new String[] {
            "+33612345678", "+33 6 12 34 56 78", "tel:+33612345678", "\uff0b33612345678", "\u00a0+33612345678"
        }) {
            assertEquals(
                    "+33612345678", Recipient.of(Recipient.Kind.PHONE, spelling).value(), spelling);
        }
        assertNull(Recipient.of(Recipient.Kind.PHONE, "0612345678"), "national form: no country to read it in");
        assertNull(Recipient.of(Recipient.Kind.PHONE, "not a number"));
    }
}
