package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.audit.AuditTrail;
import eu.consent.contact.ContactService;
import eu.consent.contact.FindContact;
import eu.consent.shared.ConflictException;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code @Service} stereotype's transaction: a domain exception leaving a service rolls back everything the call
 * wrote — here a contact and its audit entry written by the real ContactService inside it — and reaches the caller as
 * itself (not wrapped), so that the web layer maps it to its status.
 */
@ExtendWith(ArquillianExtension.class)
class ServiceRollbackIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.domain("service-rollback").addClasses(CreateThenConflict.class);
    }

    @Inject
    CreateThenConflict service;

    @Inject
    ContactService contacts;

    @Inject
    AuditTrail trail;

    @Test
    void aDomainExceptionRollsBackTheWholeServiceCall() {
        String email = UUID.randomUUID() + "@example.com";

        ConflictException thrown = assertThrows(ConflictException.class, () -> service.createThenFail(email));

        assertEquals("the test's own conflict", thrown.getMessage());
        assertTrue(
                contacts.lookup(new FindContact(FindContact.By.EMAIL, email)).isEmpty(), "the contact was rolled back");
    }

    @Test
    void withoutTheExceptionTheSameCallCommits() {
        String email = UUID.randomUUID() + "@example.com";

        String id = service.create(email);

        assertEquals(
                id,
                contacts.lookup(new FindContact(FindContact.By.EMAIL, email))
                        .orElseThrow()
                        .id()
                        .toString());
        assertEquals(1, trail.about(id).size(), "its audit entry");
    }
}
