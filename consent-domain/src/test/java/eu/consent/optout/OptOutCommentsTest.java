package eu.consent.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OptOutCommentsTest {

    @Test
    void emailsAndPhoneNumbersTypedIntoACommentAreMasked() {
        assertEquals(
                "I am Jane, [email], call [phone] or [phone] — not [email]!",
                OptOutComments.withoutIdentifiers(
                        "I am Jane, jane.doe+news@example.co.uk, call +33 6 12 34 56 78 or 06.12.34.56.78 — not"
                                + " élodie@exämple.fr!"));
        assertEquals(
                "call [phone], or 3615 at 10:40",
                OptOutComments.withoutIdentifiers("call (555) 123-4567, or 3615 at 10:40"));
        assertEquals(
                "Too many mails since 2026-12-05, 3 a day, 25 000 in all",
                OptOutComments.withoutIdentifiers("Too many mails since 2026-12-05, 3 a day, 25 000 in all"));
        for (String id : new String[] {
            "it-b1eb3082-c695-4ebf-8d0b-1fabd2d3ea57 first",
            "ref 12345678-1234-5678-9abc-def012345678",
            "console-6d50faf8-1234-4321-cb03180c29e9 too much",
            "order A123456789 or 123456789B"
        }) {
            assertEquals(id, OptOutComments.withoutIdentifiers(id), "ids and references stay");
        }
    }
}
