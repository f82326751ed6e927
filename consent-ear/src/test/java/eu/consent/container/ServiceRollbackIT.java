package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.audit.AuditTrail;
import eu.consent.contact.ContactService;
import eu.consent.contact.FindContact;
import eu.consent.shared.ConflictException;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The services' transactions. They read committed data on every database, as PostgreSQL does by default: the code is
 * written and load-tested for that, and Liberty's default on Derby, repeatable read, kept every row a transaction had
 * read locked until its commit, so that readers and writers of the same tables deadlocked (a webhook relay against an
 * erasure). And the {@code @Service} stereotype's transaction: a domain exception leaving a service rolls back everything the call
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

    @Inject
    Tx tx;

    @Test
    void theServiceReadsCommittedData() {
        AtomicInteger isolation = new AtomicInteger();
        tx.jdbc(c -> isolation.set(c.getTransactionIsolation()));
        assertEquals(Connection.TRANSACTION_READ_COMMITTED, isolation.get());
    }

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
