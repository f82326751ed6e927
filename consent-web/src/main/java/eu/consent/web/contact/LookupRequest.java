package eu.consent.web.contact;

import eu.consent.contact.EmailAddresses;
import eu.consent.contact.FindContact;
import eu.consent.contact.PhoneNumbers;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Violations;

/**
 * A look-up as a client asks it (the {@code LookupInput} of the API; a POST body, so the identifier never lands in a URL
 * or log): exactly one of email or phone, read with the domain's rules into a {@link FindContact}. Two checks one after
 * the other, as the answer has always given them (naming both identifiers is answered alone), so they are written out.
 */
public record LookupRequest(String email, String phone) {

    /** The command, or the error. */
    public FindContact toCommand() {
        if ((email == null) == (phone == null)) {
            throw new InvalidInputException("email", "give exactly one of email or phone");
        }
        Violations v = new Violations();
        FindContact.By by = email != null ? FindContact.By.EMAIL : FindContact.By.PHONE;
        String identifier = email != null
                ? EmailAddresses.normalize(email, "email", v)
                : PhoneNumbers.toE164International(phone, "phone", v);
        v.throwIfAny();
        return new FindContact(by, identifier);
    }
}
