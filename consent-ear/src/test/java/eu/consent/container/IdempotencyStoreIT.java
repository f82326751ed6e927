package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.idempotency.IdempotencyStore;
import eu.consent.idempotency.IdempotencyStore.Claim;
import eu.consent.idempotency.IdempotentAnswer;
import eu.consent.shared.KeyedHash;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

    @Inject
    KeyedHash hash;

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

    /**
     * A batch's answer is linked to each person it named: forgetting any one of them (an erasure) forgets the answer,
     * which then answers as erased, and its links go with it; a batch about others is not touched.
     */
    @Test
    void forgettingAnyPersonABatchNamedForgetsItsAnswerAndItsLinks() {
        String batch = key();
        String others = key();
        String erased =
                "0a1b2c3d-0000-4000-8000-" + UUID.randomUUID().toString().substring(24);
        for (String scope : new String[] {batch, others}) {
            assertInstanceOf(Claim.Reserved.class, store.claim(scope, REQUEST));
        }
        store.keep(batch, null, 202, null, "{\"accepted\":2}", null, List.of("jane@example.com", erased));
        store.keep(others, null, 202, null, "{\"accepted\":1}", null, List.of("bob@example.com"));
        assertEquals(2, links(batch));

        assertEquals(
                1, (int) tx.call(em -> store.forgetSubjects(List.of(hash.of(erased), hash.of("nobody@example.com")))));

        IdempotentAnswer forgotten = assertInstanceOf(Claim.Answered.class, store.claim(batch, REQUEST))
                .answer();
        assertTrue(forgotten.erased(), "the whole batch is forgotten");
        assertNull(forgotten.body());
        assertEquals(0, links(batch), "its links went with it");
        IdempotentAnswer kept = assertInstanceOf(Claim.Answered.class, store.claim(others, REQUEST))
                .answer();
        assertEquals("{\"accepted\":1}", kept.body());
        assertEquals(1, links(others));
    }

    private long links(String scope) {
        return tx.call(
                em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM idempotency_subject WHERE scope_hash = ?")
                                .setParameter(1, scope)
                                .getSingleResult())
                        .longValue());
    }

    private static String key() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        return (hex + hex).substring(0, 64);
    }
}
