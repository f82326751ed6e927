package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.idempotency.IdempotencyStore;
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

/** The store of first answers on the real database: kept once, found until it expires, never overwritten. */
@ExtendWith(ArquillianExtension.class)
class IdempotencyStoreIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.domain("idempotency-store");
    }

    @Inject
    IdempotencyStore store;

    @Inject
    Tx tx;

    @Test
    void keepsTheFirstAnswerAndReplaysIt() {
        String scope = key();
        store.keep(scope, "r".repeat(64), 201, "/api/v1/x/1", "{\"id\":1}");
        store.keep(scope, "s".repeat(64), 409, null, "{\"later\":true}");

        IdempotentAnswer answer = store.find(scope).orElseThrow();
        assertEquals("r".repeat(64), answer.requestHash());
        assertEquals(201, answer.status());
        assertEquals("/api/v1/x/1", answer.location());
        assertEquals("{\"id\":1}", answer.body());
    }

    @Test
    void anExpiredKeyCountsAsNeverUsedAndCanBeKeptAgain() {
        String scope = key();
        store.keep(scope, "r".repeat(64), 201, null, "{}");
        tx.run(em -> em.createNativeQuery("UPDATE idempotency_key SET expires_at = ? WHERE scope_hash = ?")
                .setParameter(1, Timestamp.from(Instant.now().minusSeconds(1)))
                .setParameter(2, scope)
                .executeUpdate());
        assertTrue(store.find(scope).isEmpty());

        store.keep(scope, "t".repeat(64), 202, null, "{\"again\":true}");
        assertEquals(202, store.find(scope).orElseThrow().status());
    }

    @Test
    void anAnswerTooLongToKeepIsNotKept() {
        String scope = key();
        store.keep(scope, "r".repeat(64), 200, null, "x".repeat(32_001));
        assertTrue(store.find(scope).isEmpty());
    }

    private static String key() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        return (hex + hex).substring(0, 64);
    }
}
