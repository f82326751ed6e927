package eu.consent.consent;

import eu.consent.contact.Contact;
import eu.consent.purpose.Purpose;

/**
 * Fired inside the transaction of a double opt-in grant; the mail outbox observes it and queues the confirmation
 * message in the same transaction, so the message exists exactly when the grant does.
 */
public record ConfirmationRequested(Contact contact, Purpose purpose, ConsentEvent grant) {}
