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
    }
}
