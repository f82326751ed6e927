package eu.consent.contact;

import eu.consent.audit.AuditLog;
import eu.consent.purpose.IdentifierKind;
import eu.consent.shared.ConflictException;
import eu.consent.shared.Jsons;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Service;
import eu.consent.shared.SqlStates;
import eu.consent.shared.Times;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Creates, finds, changes contacts and records their activity; every change is audited by contact id only. */
@Service
public class ContactService {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    KeyedHash hash;

    @Inject
    Event<IdentifiersChanged> identifiersChanged;

    @Inject
    Event<DetailsReplaced> detailsReplaced;

    @Inject
    IdentifierHolders holders;

    public Contact create(ContactDetails details) {
        refuseTakenIdentifiers(details, null);
        Contact contact = new Contact(details, hash, Times.now(clock));
        em.persist(contact);
        flushOrConflict(details, null);
        audit.append("CONTACT_CREATED", "contact", contact.id().toString(), null);
        return contact;
    }

    /** Whether a contact has this id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean exists(UUID id) {
        return em.find(Contact.class, id.toString()) != null;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Contact get(UUID id) {
        Contact contact = em.find(Contact.class, id.toString());
        if (contact == null) {
            throw new NotFoundException("contact", id);
        }
        return contact;
    }

    /** The contact holding the identifier; empty when nobody does. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Contact> lookup(FindContact find) {
        return switch (find.by()) {
            case EMAIL -> byEmail(find.identifier());
            case PHONE -> byPhone(find.identifier());
        };
    }

    /**
     * Applies a change to the contact's current details (a merge patch, which the web layer applies to the body the
     * details read as and checks as a whole) under a lock, so that concurrent patches do not overwrite each other.
     */
    public Contact patch(UUID id, UnaryOperator<ContactDetails> change) {
        Contact contact = em.find(Contact.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (contact == null) {
            throw new NotFoundException("contact", id);
        }
        ContactDetails old = ContactDetails.of(contact);
        ContactDetails details = change.apply(old);
        refuseTakenIdentifiers(details, contact);
        String changed = changedFields(old, details);
        if (changed == null) {
            return contact; // nothing changed: nothing written, nothing audited
        }
        Map<IdentifierKind, String> before = contact.identifierHashes(hash);
        contact.update(details, hash, Times.now(clock));
        flushOrConflict(details, id.toString());
        audit.append("CONTACT_UPDATED", "contact", id.toString(), changed);
        detailsReplaced.fire(new DetailsReplaced(id, old, details));
        Map<IdentifierKind, String> after = contact.identifierHashes(hash);
        if (!before.equals(after)) {
            identifiersChanged.fire(new IdentifiersChanged(id, before, after));
        }
        return contact;
    }

    /**
     * Records an activity of the person at {@code occurredAt} (null: now); active types move {@code lastActiveAt}
     * forward, never backward.
     */
    public Contact recordActivity(UUID id, ActivityType type, Instant reportedAt) {
        Objects.requireNonNull(type, "type");
        Instant occurredAt = Times.occurredAt(reportedAt, clock, "occurredAt");
        Contact contact = lockedWithTheChain(id);
        Instant now = Times.now(clock);
        em.persist(new Activity(contact.id(), type, occurredAt, now));
        // The activity keeps the time reported; the retention clock never runs ahead of the receipt (a client's clock
        // within the skew accepted put lastActiveAt minutes in the future until 2026-12-06), as for consents.
        contact.recordActivity(type, occurredAt.isAfter(now) ? now : occurredAt);
        audit.append(
                "ACTIVITY_RECORDED",
                "contact",
                id.toString(),
                Jsons.createObjectBuilder().add("type", type.name()).build().toString());
        return contact;
    }

    /**
     * The contact locked until the commit, then the audit chain's lock, before anything of theirs is written: an
     * activity's row written first held its table while the write of the contact waited for the chain, and an erasure
     * holding the chain waited for that table (Derby locks a small one whole for the erasure's cascade): a deadlock,
     * an activity answered 503 nearly every time it raced an erasure and a withdrawal until 2026-12-08.
     */
    private Contact lockedWithTheChain(UUID id) {
        Contact contact = em.find(Contact.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (contact == null) {
            throw new NotFoundException("contact", id);
        }
        audit.lockChain();
        return contact;
    }

    /**
     * Records an activity a system did about the person (an API preference update): kept as evidence and audited, but
     * not a sign of life, so {@code lastActiveAt} stays where the person's own acts left it.
     */
    public void recordSystemActivity(UUID id, ActivityType type) {
        Instant now = Times.now(clock);
        Contact contact = lockedWithTheChain(id);
        em.persist(new Activity(contact.id(), type, now, now));
        audit.append(
                "ACTIVITY_RECORDED",
                "contact",
                id.toString(),
                Jsons.createObjectBuilder()
                        .add("type", type.name())
                        .add("byThePerson", false)
                        .build()
                        .toString());
    }

    /** The contacts holding any of these identifier hashes, by hash (one query for a whole page of entries). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Map<String, Contact> byHashes(java.util.Collection<String> identifierHashes) {
        java.util.Map<String, Contact> found = new java.util.HashMap<>();
        if (identifierHashes.isEmpty()) {
            return found;
        }
        // one indexed column at a time: Derby reads every contact for an OR of the two
        for (String column : List.of("emailHash", "phoneHash")) {
            for (Contact c : em.createQuery("SELECT c FROM Contact c WHERE c." + column + " IN :hashes", Contact.class)
                    .setParameter("hashes", identifierHashes)
                    .getResultList()) {
                if (c.emailHash() != null) {
                    found.put(c.emailHash(), c);
                }
                if (c.phoneHash() != null) {
                    found.put(c.phoneHash(), c);
                }
            }
        }
        return found;
    }

    /** The contact whose email or phone has this keyed hash, if any still does. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Contact> byHash(String identifierHash) {
        return holding(em, identifierHash);
    }

    /**
     * The contact whose email or phone has this keyed hash, looked up one indexed column at a time (Derby answers an
     * OR of the two by reading every contact: one scan per ESP event, per webhook about a suppression).
     */
    public static Optional<Contact> holding(EntityManager em, String identifierHash) {
        for (String query : List.of(Contact.BY_EMAIL_HASH, Contact.BY_PHONE_HASH)) {
            Optional<Contact> found = em.createNamedQuery(query, Contact.class)
                    .setParameter("hash", identifierHash)
                    .setMaxResults(1)
                    .getResultStream()
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Activity> activities(UUID id) {
        return em.createNamedQuery(Activity.OF_CONTACT, Activity.class)
                .setParameter("contactId", id.toString())
                .getResultList();
    }

    /** At most this many contacts are named for one external id (a bound on one page, far above any real reuse). */
    public static final int MAX_BY_EXTERNAL_ID = 1000;

    /**
     * The contacts an integrating system knows by this external id (not unique: several systems may reuse one), oldest
     * first, at most {@link #MAX_BY_EXTERNAL_ID}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Contact> byExternalId(String externalId) {
        if (externalId.indexOf('\u0000') >= 0) {
            return List.of(); // no id holds one (the API refuses it), and PostgreSQL cannot compare with it
        }
        return em.createQuery("SELECT c FROM Contact c WHERE c.externalId = :id ORDER BY c.createdAt", Contact.class)
                .setParameter("id", externalId)
                .setMaxResults(MAX_BY_EXTERNAL_ID)
                .getResultList();
    }

    private Optional<Contact> byEmail(String email) {
        return em.createNamedQuery(Contact.BY_EMAIL, Contact.class)
                .setParameter("email", email)
                .getResultStream()
                .findFirst();
    }

    private Optional<Contact> byPhone(String phone) {
        return em.createNamedQuery(Contact.BY_PHONE, Contact.class)
                .setParameter("phone", phone)
                .getResultStream()
                .findFirst();
    }

    /** One email and one phone belong to one contact: a second claim is a 409 naming the holder. */
    private void refuseTakenIdentifiers(ContactDetails details, Contact self) {
        Optional<Contact> holder = Optional.empty();
        if (details.email() != null) {
            holder = byEmail(details.email()).filter(c -> !c.equals(self));
        }
        if (holder.isEmpty() && details.phone() != null) {
            holder = byPhone(details.phone()).filter(c -> !c.equals(self));
        }
        holder.ifPresent(c -> {
            throw new ConflictException(
                    "the email or phone already belongs to another contact",
                    java.util.Map.of("existingId", c.id().toString()));
        });
    }

    /**
     * Writes now, so that a concurrent request that claimed the same identifier after our check surfaces as a 409
     * from the unique constraint rather than as a failed commit.
     */
    private void flushOrConflict(ContactDetails details, String self) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            // Only a unique key another row satisfies is a held identifier; a deadlock or a lost connection (503, try
            // again) or anything else is not, and goes to the mapper as it is.
            if (!SqlStates.isUniqueViolation(e)) {
                throw e;
            }
            // Another request claimed the identifier between our check and our write, and committed first: its
            // holder is named as the check's 409 does (some answers to concurrent creations carried no existingId
            // until 2026-12-06). Read in our transaction where it still reads (Derby: a transaction of its own could
            // wait on the locks our failed insert keeps), else in one of its own (PostgreSQL aborted ours).
            Optional<String> holder;
            try {
                holder = holderHere(details, self);
            } catch (RuntimeException aborted) {
                try {
                    holder = holders.holderOf(details.email(), details.phone(), self);
                } catch (RuntimeException unread) {
                    holder = Optional.empty();
                }
            }
            throw holder.map(id -> new ConflictException(
                            "the email or phone already belongs to another contact", Map.of("existingId", id)))
                    .orElseGet(() -> new ConflictException("the email or phone already belongs to another contact"));
        }
    }

    /**
     * The holder of the details' email, else phone, other than {@code self}, read in our transaction without flushing
     * our failed write and without taking or waiting for a lock ({@code WITH UR}, Derby's read of what others have not
     * committed yet: the holder has committed, and the requests that failed beside ours keep locks on the same keys,
     * on which a locking read waited into deadlocks and 60 s time-outs). PostgreSQL refuses this text (and has aborted
     * our transaction anyway): the caller then reads in a transaction of its own, where nothing waits.
     */
    private Optional<String> holderHere(ContactDetails details, String self) {
        for (String[] by : new String[][] {{"email", details.email()}, {"phone", details.phone()}}) {
            if (by[1] == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery("SELECT id FROM contact WHERE " + by[0] + " = ? WITH UR")
                    .setParameter(1, by[1])
                    .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
                    .getResultList();
            Optional<String> holder = ids.stream()
                    .map(id -> ((String) id).strip())
                    .filter(id -> !id.equals(self))
                    .findFirst();
            if (holder.isPresent()) {
                return holder;
            }
        }
        return Optional.empty();
    }

    /** The fields whose values the audit keeps: what the legal ground of a decision rests on, naming no one. */
    private static final java.util.Set<String> GROUNDS = java.util.Set.of("locale", "country", "audience", "customer");

    /**
     * Which fields changed, by name (the audit never holds an identifier or what the CRM attached), and for the ones a
     * decision's legal ground rests on — the audience (B2B's opt-out regime), being a customer (the soft opt-in), the
     * country (the jurisdiction) and the locale — the values before and after, so that a past decision's basis can be
     * proven (tester BI's F5: until 2026-12-07 two changes of the audience read alike). Null when none changed.
     */
    private static String changedFields(ContactDetails before, ContactDetails after) {
        JsonArrayBuilder fields = Jsons.createArrayBuilder();
        jakarta.json.JsonObjectBuilder values = Jsons.createObjectBuilder();
        String[] names = {
            "email", "phone", "postalAddress", "locale", "country", "audience", "customer", "externalId", "attributes"
        };
        Object[] old = fieldValues(before);
        Object[] now = fieldValues(after);
        boolean any = false;
        boolean grounds = false;
        for (int i = 0; i < names.length; i++) {
            if (!Objects.equals(old[i], now[i])) {
                fields.add(names[i]);
                any = true;
                if (GROUNDS.contains(names[i])) {
                    values.add(
                            names[i],
                            Jsons.createObjectBuilder()
                                    .add("from", String.valueOf(old[i]))
                                    .add("to", String.valueOf(now[i])));
                    grounds = true;
                }
            }
        }
        if (!any) {
            return null;
        }
        jakarta.json.JsonObjectBuilder details = Jsons.createObjectBuilder().add("fields", fields);
        return (grounds ? details.add("values", values) : details).build().toString();
    }

    private static Object[] fieldValues(ContactDetails d) {
        return new Object[] {
            d.email(),
            d.phone(),
            d.postalAddress(),
            d.locale(),
            d.country(),
            d.audience(),
            d.customer(),
            d.externalId(),
            d.attributesJson()
        };
    }
}
