package eu.consent.container;

import eu.consent.contact.Audience;
import eu.consent.contact.ContactDetails;
import eu.consent.contact.ContactService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Contacts for the container tests: created through the service, then made as old as a job's rule needs. */
@ApplicationScoped
public class TestContacts {

    @Inject
    ContactService contacts;

    @Inject
    Tx tx;

    /** A new contact with a random email, French, B2C; its id. */
    public String create() {
        return contacts.create(new ContactDetails(
                        UUID.randomUUID() + "@example.com", null, null, "fr", "FR", Audience.B2C, false, null, null))
                .id()
                .toString();
    }

    /** Makes the contact created and last active at {@code when}, as if it had been in the database since then. */
    public String lastActive(String contact, Instant when) {
        tx.run(em -> em.createNativeQuery("UPDATE contact SET created_at = ?, last_active_at = ? WHERE id = ?")
                .setParameter(1, Timestamp.from(when))
                .setParameter(2, Timestamp.from(when))
                .setParameter(3, contact)
                .executeUpdate());
        return contact;
    }
}
