package eu.consent.container;

import eu.consent.contact.Audience;
import eu.consent.contact.ContactDetails;
import eu.consent.contact.ContactService;
import eu.consent.shared.ConflictException;
import eu.consent.shared.Service;
import jakarta.inject.Inject;

/** Test code only: a service that writes through a real one, then fails with a domain exception. */
@Service
public class CreateThenConflict {

    @Inject
    ContactService contacts;

    public String create(String email) {
        return contacts.create(new ContactDetails(email, null, null, "fr", "FR", Audience.B2C, false, null, null))
                .id()
                .toString();
    }

    public String createThenFail(String email) {
        create(email);
        throw new ConflictException("the test's own conflict");
    }
}
