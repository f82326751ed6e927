package eu.consent.mail;

import eu.consent.consent.ConfirmationLinks;
import eu.consent.consent.ConfirmationRequested;
import eu.consent.contact.Contact;
import eu.consent.purpose.Channel;
import eu.consent.receipt.ReceiptLinks;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import eu.consent.suppression.SuppressionReason;
import eu.consent.suppression.SuppressionService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Queues messages in the caller's transaction and hands due ones to the relay, one claim per attempt. */
@Service
public class MailOutbox {

    private static final Logger LOG = Logger.getLogger(MailOutbox.class.getName());
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ConfirmationLinks links;

    @Inject
    SuppressionService suppressions;

    @Inject
    ReceiptLinks receipts;

    @Inject
    @ConfigProperty(name = "consent.mail.max-attempts", defaultValue = "20")
    int maxAttempts;

    /** The wait after a first failed attempt; it doubles with each further failure, up to an hour. */
    @Inject
    @ConfigProperty(name = "consent.mail.first-retry-seconds", defaultValue = "10")
    long firstRetrySeconds;

    /** Queues the double opt-in message of a pending grant, in the grant's transaction. */
    void onConfirmationRequested(@Observes ConfirmationRequested request) {
        String email = request.contact().email();
        if (email == null) {
            LOG.info(() -> "double opt-in for contact " + request.contact().id()
                    + " stays pending: no email address to send the confirmation to");
            return;
        }
        if (bounced(request.contact().emailHash())) {
            LOG.info(() -> "double opt-in for contact " + request.contact().id()
                    + " stays pending: its email address bounced for good");
            return;
        }
        ConfirmationMail mail = ConfirmationMail.compose(
                request.contact().locale(),
                request.purpose(),
                request.grant().channel(),
                links.urlFor(request.grant()),
                receipts.urlFor(request.grant().id()));
        em.persist(new OutboxMessage(
                request.contact().id(),
                email,
                mail.subject(),
                mail.body(),
                Times.now(clock),
                request.grant().id()));
    }

    /** Drops a message that must not go (a double opt-in request that no longer waits), keeping nothing of it. */
    public void drop(UUID id) {
        OutboxMessage message = em.find(OutboxMessage.class, id.toString());
        if (message != null) {
            em.remove(message);
        }
    }

    /**
     * Queues a plain-text message to a contact in the caller's transaction; the relay sends it afterwards. None goes to
     * an address that bounced for good, which no other message reaches either (tester AQ's F9, until 2026-12-07 the
     * service's own mails did): false then.
     */
    public boolean queue(UUID contactId, String recipient, String subject, String body) {
        Contact contact = contactId == null ? null : em.find(Contact.class, contactId.toString());
        if (contact != null && bounced(contact.emailHash())) {
            LOG.info(() -> "message to contact " + contactId + " not queued: its email address bounced for good");
            return false;
        }
        em.persist(new OutboxMessage(contactId, recipient, subject, body, Times.now(clock)));
        return true;
    }

    /** Whether an email address holds a hard bounce: the technical block every message respects. */
    boolean bounced(String emailHash) {
        return emailHash != null
                && suppressions.entries(List.of(emailHash)).stream()
                        .anyMatch(s -> s.reason() == SuppressionReason.HARD_BOUNCE && s.channel() == Channel.EMAIL);
    }

    public List<OutboxMessage> due(int limit) {
        return em.createNamedQuery(OutboxMessage.DUE, OutboxMessage.class)
                .setParameter("now", Times.now(clock))
                .setParameter("maxAttempts", maxAttempts)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Takes one attempt at a message: counts it and moves its next try out by an exponential back-off. Returns false
     * when another relay (another server) took this attempt first.
     */
    public boolean claim(OutboxMessage message) {
        long backoff = Math.min(firstRetrySeconds << Math.min(message.attempts(), 20), LONGEST_RETRY.toSeconds());
        Instant retryAt = Times.now(clock).plusSeconds(backoff);
        return em.createNamedQuery(OutboxMessage.CLAIM)
                        .setParameter("retryAt", retryAt)
                        .setParameter("id", message.id().toString())
                        .setParameter("attempts", message.attempts())
                        .executeUpdate()
                == 1;
    }

    public void markSent(UUID id) {
        OutboxMessage message = em.find(OutboxMessage.class, id.toString());
        if (message != null) {
            message.sent(Times.now(clock));
        }
    }

    public void markFailed(UUID id, String error) {
        OutboxMessage message = em.find(OutboxMessage.class, id.toString());
        if (message != null) {
            message.failed(error);
        }
    }

    /**
     * Drops every mail of a contact, queued or sent (erasure: no mail may leave for a person who is gone, and a sent
     * one keeps their address and live links), and any other mail to their address.
     */
    public void forget(UUID contactId, String email) {
        em.createNamedQuery(OutboxMessage.OF_CONTACT)
                .setParameter("contact", contactId.toString())
                .setParameter("recipient", email == null ? "" : email)
                .executeUpdate();
    }

    /** {@link #forget} for many people in one statement (the retention purge's chunks). */
    public void forgetAll(java.util.Collection<String> contactIds, java.util.Collection<String> emails) {
        if (contactIds.isEmpty()) {
            return;
        }
        var delete = em.createQuery("DELETE FROM OutboxMessage m WHERE m.contactId IN :contacts"
                        + (emails.isEmpty() ? "" : " OR m.recipient IN :recipients"))
                .setParameter("contacts", contactIds);
        if (!emails.isEmpty()) {
            delete.setParameter("recipients", emails);
        }
        delete.executeUpdate();
    }

    /**
     * Deletes what the outbox no longer needs: mail delivered before {@code cutoff}, and mail given up (all its
     * attempts failed) whose last try was before it. Returns how many.
     */
    public int forgetDelivered(Instant cutoff) {
        return em.createNamedQuery(OutboxMessage.DONE_BEFORE)
                .setParameter("cutoff", cutoff)
                .setParameter("maxAttempts", maxAttempts)
                .executeUpdate();
    }

    /** The latest messages, sent or waiting, newest first: what the console's local mail page shows. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OutboxMessage> recent(int limit) {
        return em.createQuery("SELECT m FROM OutboxMessage m ORDER BY m.createdAt DESC", OutboxMessage.class)
                .setMaxResults(limit)
                .getResultList();
    }
}
