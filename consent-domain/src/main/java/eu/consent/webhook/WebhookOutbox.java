package eu.consent.webhook;

import eu.consent.audit.AuditEntry;
import eu.consent.audit.Audited;
import eu.consent.contact.Contact;
import eu.consent.purpose.IdentifierKind;
import eu.consent.shared.Jsons;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import eu.consent.suppression.Suppression;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The transactional outbox of webhooks: observes every audited change inside its transaction and queues one message per
 * interested subscription, so a message exists exactly when the change committed. No HTTP happens here: the relay
 * delivers later, on its own thread, and a slow receiver never slows an opt-out.
 */
@Service
public class WebhookOutbox {

    /** How long one server trusts its list of subscriptions; its own changes refresh it at once. */
    private static final long SNAPSHOT_NANOS = 2_000_000_000L;

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    Clock clock;

    private volatile Snapshot snapshot;

    private record Target(UUID id, Set<WebhookEvent> events, boolean includeIdentifiers) {}

    private record Snapshot(List<Target> active, boolean any, long loadedAt) {}

    void onAudited(@Observes Audited audited) {
        AuditEntry entry = audited.entry();
        WebhookEvent type = AuditedChanges.typeOf(entry.action()).orElse(null);
        if (type == null) {
            return;
        }
        Snapshot subscriptions = snapshot();
        if (!subscriptions.any()) {
            return;
        }
        // An entry about many contacts (a chunk of the purge) is one event per person, as one entry each would be.
        for (String subject : audited.subjects()) {
            enqueue(type, entry, subject, subscriptions);
        }
    }

    private void enqueue(WebhookEvent type, AuditEntry entry, String subject, Snapshot subscriptions) {
        if (type == WebhookEvent.CONTACT_ERASED) {
            forgetIdentifiers(subject);
        }
        List<Target> targets = subscriptions.active().stream()
                .filter(t -> t.events().contains(type))
                .toList();
        if (targets.isEmpty()) {
            return;
        }
        OutgoingEvent event = describe(type, entry, subject, targets.stream().anyMatch(Target::includeIdentifiers));
        Instant now = Times.now(clock);
        for (Target target : targets) {
            em.persist(new WebhookMessage(target.id(), event, event.payload(target.includeIdentifiers()), now));
        }
    }

    /** Makes this server read the subscriptions again before the next event (after a change to one of them). */
    void refresh() {
        snapshot = null;
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        if (current == null || System.nanoTime() - current.loadedAt() > SNAPSHOT_NANOS) {
            List<Subscription> all =
                    em.createNamedQuery(Subscription.ALL, Subscription.class).getResultList();
            List<Target> active = all.stream()
                    .filter(Subscription::isActive)
                    .map(s -> new Target(s.id(), EnumSet.copyOf(s.eventList()), s.includesIdentifiers()))
                    .toList();
            current = new Snapshot(active, !all.isEmpty(), System.nanoTime());
            snapshot = current;
        }
        return current;
    }

    private OutgoingEvent describe(WebhookEvent type, AuditEntry entry, String subject, boolean identifiersWanted) {
        JsonObject data = AuditedChanges.data(type, entry, subject);
        UUID contactId = null;
        Map<String, String> identifiers = new LinkedHashMap<>();
        String orderKey = type.wireName().split("\\.")[0] + ":" + subject;
        switch (type) {
            case CONSENT_CHANGED, OPTOUT_RECORDED, CONTACT_ERASED -> {
                contactId = UUID.fromString(subject);
                Contact contact = identifiersWanted && type != WebhookEvent.CONTACT_ERASED ? contact(contactId) : null;
                if (contact != null) {
                    putIfPresent(identifiers, "email", contact.email());
                    putIfPresent(identifiers, "phone", contact.phone());
                }
            }
            case SUPPRESSION_ADDED, SUPPRESSION_REMOVED -> {
                // A removed entry is audited before it is removed, so it is found here too: ordered with its holder's
                // other events, a removal never overtakes the addition it undoes.
                Suppression suppression = em.find(Suppression.class, subject);
                Contact holder = suppression == null ? null : holder(suppression.identifierHash());
                if (holder != null) {
                    contactId = holder.id();
                    data = Jsons.createObjectBuilder(data)
                            .add("contactId", contactId.toString())
                            .build();
                    if (identifiersWanted) {
                        boolean email = suppression.identifierKind() == IdentifierKind.EMAIL;
                        putIfPresent(identifiers, email ? "email" : "phone", email ? holder.email() : holder.phone());
                    }
                } else if (suppression != null) {
                    orderKey = "identifier:" + suppression.identifierHash();
                }
            }
            default -> {
                // imports and jobs are ordered by their own id
            }
        }
        if (contactId != null) {
            orderKey = "contact:" + contactId;
        }
        return new OutgoingEvent(
                UUID.randomUUID(), type, entry.seq(), entry.occurredAt(), orderKey, contactId, data, identifiers);
    }

    private Contact contact(UUID id) {
        return em.find(Contact.class, id.toString());
    }

    private Contact holder(String identifierHash) {
        return eu.consent.contact.ContactService.holding(em, identifierHash).orElse(null);
    }

    /**
     * Erasure: every payload that names the person, delivered or not, keeps its facts and loses the identifiers. The
     * rows are locked for the update as they are read: read shared and written at the commit, on Derby they deadlocked
     * with the relay's scan of due messages (seen in WebhookIT: the erasure was the victim and answered 500).
     */
    private void forgetIdentifiers(String contactId) {
        for (WebhookMessage message : em.createNamedQuery(
                        WebhookMessage.WITH_IDENTIFIERS_OF_CONTACT, WebhookMessage.class)
                .setParameter("contact", contactId)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultList()) {
            message.replacePayload(OutgoingEvent.withoutIdentifiers(message.payload()));
        }
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
