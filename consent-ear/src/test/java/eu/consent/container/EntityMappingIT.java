package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.audit.AuditAnchor;
import eu.consent.audit.AuditEntry;
import eu.consent.audit.AuditHead;
import eu.consent.audit.AuditLog;
import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentDerivation;
import eu.consent.consent.ConsentEvent;
import eu.consent.consent.ConsentEventTable;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.ConsentState;
import eu.consent.consent.ConsentStateTable;
import eu.consent.consent.CurrentConsent;
import eu.consent.consent.Proof;
import eu.consent.contact.Activity;
import eu.consent.contact.ActivityType;
import eu.consent.contact.Audience;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactDetails;
import eu.consent.contact.ContactTable;
import eu.consent.contact.PostalAddress;
import eu.consent.eligibility.FrequencyCap;
import eu.consent.idempotency.IdempotentAnswer;
import eu.consent.mail.OutboxMessage;
import eu.consent.optout.Feedback;
import eu.consent.optout.FeedbackReason;
import eu.consent.optout.OptOut;
import eu.consent.optout.SoftBounce;
import eu.consent.preference.Preferences;
import eu.consent.preference.Send;
import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.purpose.Notice;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeKind;
import eu.consent.shared.KeyedHash;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.Transient;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every entity of the persistence unit written through EclipseLink to the server's data source, read back in another
 * transaction (no shared cache), and compared field by field: a column that a mapping misses comes back different.
 * Most constructors are package-private (only their services make entities), so the test reaches them reflectively.
 */
@ExtendWith(ArquillianExtension.class)
class EntityMappingIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Deployment
    static WebArchive deployment() {
        return Deployments.domain("entity-mapping");
    }

    @Inject
    Tx tx;

    @Inject
    KeyedHash hash;

    @Inject
    AuditLog audit;

    @Inject
    eu.consent.idempotency.IdempotencyStore idempotency;

    @Test
    void theEntityListOfThePersistenceUnitIsCoveredHere() {
        Set<Class<?>> covered = Set.of(
                Contact.class,
                Activity.class,
                Purpose.class,
                Notice.class,
                AuditEntry.class,
                AuditHead.class,
                AuditAnchor.class,
                ConsentEvent.class,
                CurrentConsent.class,
                OutboxMessage.class,
                Suppression.class,
                IdempotentAnswer.class,
                OptOut.class,
                SoftBounce.class,
                Preferences.class,
                Send.class,
                eu.consent.webhook.Subscription.class,
                eu.consent.webhook.WebhookMessage.class,
                eu.consent.webhook.WebhookAttempt.class);
        Set<Class<?>> mapped = tx.call(em -> em.getMetamodel().getEntities().stream()
                .map(e -> (Class<?>) e.getJavaType())
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(mapped, covered);
    }

    @Test
    void aWebhookSubscriptionItsMessageAndAnAttempt() throws Exception {
        eu.consent.webhook.Subscription subscription = roundTrip(make(
                eu.consent.webhook.Subscription.class,
                UUID.randomUUID(),
                java.net.URI.create("http://127.0.0.1:9/hook"),
                java.util.EnumSet.of(eu.consent.webhook.WebhookEvent.CONSENT_CHANGED),
                true,
                "aes:wh1:" + "A".repeat(104),
                NOW));
        Object subscriptionId = tx.call(
                em -> em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(subscription));
        // The event a message is made from is the outbox's own record (package-private): built the same way.
        Class<?> eventType = Class.forName("eu.consent.webhook.OutgoingEvent");
        Constructor<?> eventOf = eventType.getDeclaredConstructors()[0];
        eventOf.setAccessible(true);
        Object event = eventOf.newInstance(
                UUID.randomUUID(),
                eu.consent.webhook.WebhookEvent.CONSENT_CHANGED,
                42L,
                NOW,
                "contact:" + UUID.randomUUID(),
                UUID.randomUUID(),
                jakarta.json.Json.createObjectBuilder().add("state", "GRANTED").build(),
                java.util.Map.of());
        eu.consent.webhook.WebhookMessage message = roundTrip(make(
                eu.consent.webhook.WebhookMessage.class,
                UUID.fromString(String.valueOf(subscriptionId)),
                event,
                "{\"type\":\"consent.changed\"}",
                NOW));
        Object messageId = tx.call(
                em -> em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(message));
        roundTrip(make(
                eu.consent.webhook.WebhookAttempt.class,
                UUID.fromString(String.valueOf(messageId)),
                NOW,
                Integer.valueOf(500),
                120L,
                "HTTP 500"));
    }

    @Test
    void contactAndActivity() {
        Contact contact = contact();
        roundTrip(contact);
        roundTrip(new Activity(contact.id(), ActivityType.CLICK, NOW.minusSeconds(60), NOW));
    }

    @Test
    void purposeNoticeEventAndCurrentConsent() {
        Contact contact = roundTrip(contact());
        Purpose purpose = roundTrip(purpose());
        Notice notice = roundTrip(make(Notice.class, purpose.key(), "fr", 1, "Recevez nos offres", NOW));
        ConsentEvent event = roundTrip(make(
                ConsentEvent.class,
                contact.id(),
                purpose.key(),
                Channel.EMAIL,
                ConsentAction.GRANT,
                ConsentSource.WEB_FORM,
                notice.id(),
                true,
                new Proof("192.0.2.7", "agent/1.0", "https://example.com/form", "agent-7", "script-3"),
                NOW.minusSeconds(5),
                NOW,
                1L));
        // The state row derived from its event as the ledger derives it: the projection check of the black-box
        // tests re-folds every event of the database and must find this row consistent.
        CurrentConsent current = make(CurrentConsent.class, contact.id(), purpose.key(), Channel.EMAIL);
        ConsentDerivation.Outcome outcome = ConsentDerivation.derive(List.of(ConsentDerivation.Fact.of(event)));
        assertEquals(ConsentState.PENDING, outcome.state());
        call(current, "apply", outcome);
        roundTrip(current);
    }

    /**
     * The bulk writers' column mappings (the import's statements) write rows that the entity mappings read back as the
     * very entities: one mapping for both paths, field by field.
     */
    @Test
    void theTableMappingsOfBulkWritersWriteWhatTheEntitiesRead() {
        Purpose purpose = roundTrip(purpose());
        String id = UUID.randomUUID().toString();
        String email = id + "@example.com";
        // A number of its own: the contact stays in the database, which a second build in the same tree reuses.
        String phone = String.format(
                "+336%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
        ContactTable.Row row = new ContactTable.Row(
                id,
                email,
                phone,
                hash.of(email),
                hash.of(phone),
                "fr",
                "FR",
                Audience.B2B,
                true,
                "ext-" + id,
                "{\"tier\":\"gold\"}",
                NOW.minusSeconds(90));
        ConsentEvent event = ConsentEvent.imported(
                UUID.fromString(id),
                purpose.key(),
                Channel.EMAIL,
                ConsentAction.GRANT,
                null,
                true,
                new Proof("192.0.2.8", "agent/2.0", "https://example.com/paper", "agent-8", "script-4"),
                ConsentSource.PAPER,
                NOW.minusSeconds(30),
                NOW,
                1L);
        CurrentConsent current = ConsentStateTable.derived(
                UUID.fromString(id),
                purpose.key(),
                Channel.EMAIL,
                ConsentDerivation.derive(List.of(ConsentDerivation.Fact.of(event))));
        tx.jdbc(c -> {
            try (PreparedStatement contact = c.prepareStatement(ContactTable.INSERT);
                    PreparedStatement events = c.prepareStatement(ConsentEventTable.INSERT);
                    PreparedStatement states = c.prepareStatement(ConsentStateTable.INSERT)) {
                ContactTable.add(contact, row, NOW, NOW.minusSeconds(1));
                contact.executeBatch();
                ConsentEventTable.addInsert(events, event);
                events.executeBatch();
                ConsentStateTable.add(states, current);
                states.executeBatch();
            }
        });
        Contact contact = tx.call(em -> em.find(Contact.class, id));
        assertEquals(
                row,
                new ContactTable.Row(
                        contact.id().toString(),
                        contact.email(),
                        contact.phone(),
                        contact.emailHash(),
                        contact.phoneHash(),
                        contact.locale(),
                        contact.country(),
                        contact.audience(),
                        contact.isCustomer(),
                        contact.externalId(),
                        contact.attributesJson(),
                        contact.lastActiveAt()));
        assertEquals(NOW.minusSeconds(1), contact.createdAt());
        assertEquals(NOW, contact.updatedAt());
        assertSameState(
                event, tx.call(em -> em.find(ConsentEvent.class, event.id().toString())));
        assertSameState(current, tx.call(em -> em.createNamedQuery(CurrentConsent.OF_CONTACT, CurrentConsent.class)
                .setParameter("contact", id)
                .getSingleResult()));
    }

    @Test
    void preferencesAndSends() {
        Contact contact = roundTrip(contact());
        Purpose purpose = roundTrip(purpose());
        Preferences preferences = make(Preferences.class, contact.id());
        call(
                preferences,
                "replace",
                Map.of(purpose.key(), new FrequencyCap(2, FrequencyCap.Per.WEEK)),
                EnumSet.of(Channel.EMAIL, Channel.SMS),
                NOW.plus(3, ChronoUnit.DAYS),
                NOW);
        roundTrip(preferences);
        roundTrip(make(Send.class, contact.id(), purpose.key(), Channel.EMAIL, NOW));
    }

    @Test
    void optOutSuppressionAndSoftBounce() {
        Contact contact = roundTrip(contact());
        Purpose purpose = roundTrip(purpose());
        roundTrip(make(
                OptOut.class,
                contact.id(),
                purpose.key(),
                Channel.EMAIL,
                ConsentSource.ONE_CLICK,
                new Feedback(FeedbackReason.TOO_FREQUENT, "every day"),
                NOW));
        roundTrip(new Suppression(
                contact.emailHash(),
                IdentifierKind.EMAIL,
                Channel.EMAIL,
                purpose.key(),
                SuppressionReason.MANUAL,
                "api:container-test",
                NOW));
        roundTrip(make(SoftBounce.class, hash.of(UUID.randomUUID() + "@example.com"), "esp", "msg-1", NOW));
    }

    @Test
    void outboxMessageAndIdempotentAnswer() {
        Contact contact = roundTrip(contact());
        roundTrip(make(OutboxMessage.class, contact.id(), contact.email(), "Confirmez", "Bonjour", NOW));
        // An answer row is written by the store's own JDBC (reserved first, then kept): read it back through JPA.
        String scope = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        idempotency.claim(scope, "r".repeat(64));
        idempotency.keep(
                scope, null, 201, "/api/v1/contacts/1", "{}", contact.id().toString());
        IdempotentAnswer answer = tx.call(em -> em.find(IdempotentAnswer.class, scope));
        assertNotNull(answer);
        assertEquals("r".repeat(64), answer.requestHash());
        assertEquals(201, answer.status());
        assertEquals("/api/v1/contacts/1", answer.location());
        assertEquals("{}", answer.body());
    }

    @Test
    void theAuditChainItsHeadAndItsAnchor() {
        AuditEntry appended =
                audit.append("CONTAINER_TEST", "test", UUID.randomUUID().toString(), "{\"a\":1}");
        AuditEntry entry = tx.call(em -> em.find(AuditEntry.class, appended.seq()));
        assertSameState(appended, entry);
        AuditHead head = tx.call(em -> em.find(AuditHead.class, 1));
        assertNotNull(head);
        assertTrue((long) call(head, "seq") >= entry.seq());
        assertEquals(64, ((String) call(head, "hash")).length());

        audit.anchor(entry.seq(), entry.hash());
        AuditAnchor anchor = tx.call(em ->
                em.createQuery("SELECT a FROM AuditAnchor a", AuditAnchor.class).getSingleResult());
        assertEquals(entry.seq(), anchor.seq());
        assertEquals(entry.hash(), anchor.hash());
        assertNotNull(anchor.verifiedAt());

        audit.anchor(entry.seq() - 1, "b".repeat(64));
        AuditAnchor kept = tx.call(em -> em.find(AuditAnchor.class, 1));
        assertEquals(entry.seq(), kept.seq(), "a run that ends behind another never moves the anchor back");
        assertEquals(entry.hash(), kept.hash());
    }

    private Contact contact() {
        String email = UUID.randomUUID() + "@example.com";
        ContactDetails details = new ContactDetails(
                email,
                null,
                new PostalAddress(List.of("1 rue de la Paix", "Bâtiment B"), "75002", "Paris", "FR"),
                "fr",
                "FR",
                Audience.B2C,
                true,
                "ext-" + UUID.randomUUID(),
                Json.createObjectBuilder().add("segment", "gold").build().toString());
        return new Contact(details, hash, NOW);
    }

    private static Purpose purpose() {
        return make(
                Purpose.class,
                "arq-" + UUID.randomUUID().toString().substring(0, 8),
                PurposeKind.PROSPECTING,
                EnumSet.of(Channel.EMAIL, Channel.SMS),
                true,
                false,
                "{\"fr\":\"Les bons plans\"}",
                NOW);
    }

    /** Persists in one transaction, finds by its id in another, and compares every persistent field. */
    private <T> T roundTrip(T entity) {
        Object id = tx.call(em -> {
            em.persist(entity);
            em.flush();
            return em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(entity);
        });
        Object reloaded = tx.call(em -> em.find(entity.getClass(), id));
        assertNotNull(reloaded, entity.getClass().getSimpleName() + " " + id);
        assertSameState(entity, reloaded);
        return entity;
    }

    private static void assertSameState(Object expected, Object actual) {
        for (Class<?> c = expected.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())
                        || Modifier.isTransient(f.getModifiers())
                        || f.isAnnotationPresent(Transient.class)
                        || f.getName().startsWith("_persistence")) {
                    continue;
                }
                f.setAccessible(true);
                try {
                    assertEquals(f.get(expected), f.get(actual), c.getSimpleName() + "." + f.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /**
     * Calls the constructor of {@code type} that takes these arguments (by type: EclipseLink's weaving adds
     * constructors of its own).
     */
    private static <T> T make(Class<T> type, Object... args) {
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (accepts(c.getParameterTypes(), args)) {
                c.setAccessible(true);
                try {
                    return type.cast(c.newInstance(args));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no constructor of " + type + " for these arguments");
    }

    private static Object call(Object target, String method, Object... args) {
        for (Method m : target.getClass().getDeclaredMethods()) {
            if (m.getName().equals(method) && accepts(m.getParameterTypes(), args)) {
                m.setAccessible(true);
                try {
                    return m.invoke(target, args);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no method " + method + " on " + target.getClass());
    }

    private static boolean accepts(Class<?>[] parameters, Object[] args) {
        if (parameters.length != args.length) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            Class<?> p = parameters[i];
            Class<?> boxed = !p.isPrimitive()
                    ? p
                    : p == int.class ? Integer.class : p == long.class ? Long.class : Boolean.class;
            if (args[i] != null && !boxed.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }
}
