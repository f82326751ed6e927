package eu.consent.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** SMTP errors name the recipient; what the outbox keeps and the log writes never does. */
class OutboxMessageTest {

    @Test
    void anSmtpErrorLosesTheAddress() {
        String error = "550 5.1.1 <Jeanne.Martin@example.fr>: Recipient address rejected: User unknown";
        String kept = OutboxMessage.redact(error, "jeanne.martin@example.fr");
        assertFalse(kept.toLowerCase().contains("jeanne"), kept);
        assertEquals("550 5.1.1 <<recipient>>: Recipient address rejected: User unknown", kept);
    }

    @Test
    void anyOtherAddressInTheErrorGoesToo() {
        String kept = OutboxMessage.redact("Invalid Addresses: other.person@example.com; nested", "a@example.fr");
        assertEquals("Invalid Addresses: <address>; nested", kept);
    }
}
