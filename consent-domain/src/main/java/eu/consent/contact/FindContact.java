package eu.consent.contact;

import java.util.Objects;

/**
 * Find the contact holding one identifier, given in the form a contact holds it ({@link EmailAddresses#normalize}
 * for an email, E.164 for a phone): the caller reads what a person or client wrote, so the domain parses nothing.
 */
public record FindContact(By by, String identifier) {

    /** Which identifier is given. */
    public enum By {
        EMAIL,
        PHONE
    }

    public FindContact {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(identifier, "identifier");
    }
}
