package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import eu.consent.idempotency.IdempotencyStore;
import eu.consent.idempotency.IdempotencyStore.Claim;
import eu.consent.idempotency.IdempotentAnswer;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store of first answers on the real database: a key is reserved by its first request, a retry meanwhile is told
 * it still runs, the answer is kept and replayed until it expires, and a failed request frees its key.
 */
@ExtendWith(ArquillianExtension.class)
class IdempotencyStoreIT {

    private static final String REQUEST = "r".repeat(64);

    @Deployment
    static WebArchive deployment() {
        return Deployments.domain("idempotency-store");
    }

    @Inject
    IdempotencyStore store;

    @Inject
    Tx tx;

    @Test
    void theFirstRequestReservesTheKeyAndItsAnswerIsReplayed() {
        String scope = key();
        assertInstanceOf(Claim.Reserved.class, store.claim(scope, REQUEST));
        assertInstanceOf(Claim.Running.class, store.claim(scope, REQUEST), "a retry while the first still runs");
        store.keep(scope, null, 201, "/api/v1/x/1", "{\"id\":1}", null);

        IdempotentAnswer answer = assertInstanceOf(Claim.Answered.class, store.claim(scope, REQUEST))
                .answer();
        assertEquals(REQUEST, answer.requestHash());
        assertEquals(201, answer.status());
        assertEquals("/api/v1/x/1", answer.location());
        assertEquals("{\"id\":1}", answer.body());
    }

    @Test
    void anExpiredKeyCountsAsNeverUsed() {
        String scope = key();
        assertInstanceOf(Claim.Reserved.class, store.claim(scope, REQUEST));
        store.keep(scope, null, 201, null, "{}", null);
        tx.run(em -> em.createNativeQuery("UPDATE idempotency_key SET expires_at = ? WHERE scope_hash = ?")
                .setParameter(1, Timestamp.from(Instant.now().minusSeconds(1)))
                .setParameter(2, scope)
                .executeUpdate());
        assertInstanceOf(Claim.Reserved.class, store.claim(scope, REQUEST));
    }

    @Test
    void aFailedRequestOrAnAnswerTooLongToKeepFreesTheKey() {
        String scope = key();
        assertInstanceOf(Claim.Reserved.class, store.claim(scope, REQUEST));
        store.release(scope);
        assertInstanceOf(Claim.Reserved.class, store.claim(scope, REQUEST), "released: a retry runs again");
        store.keep(scope, null, 200, null, "x".repeat(32_001), null);
        assertInstanceOf(Claim.Reserved.class, store.claim(scope, REQUEST), "not kept: a retry runs again");
    }

    private static String key() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        return (hex + hex).substring(0, 64);
    }
}
