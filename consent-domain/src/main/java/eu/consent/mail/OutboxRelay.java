package eu.consent.mail;

import eu.consent.consent.ConsentLedger;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Times;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Relays the outbox to the SMTP server (the server's {@code mail/consent} session) every few seconds. A failed send
 * is retried later with back-off; the consent it belongs to is already committed and stays PENDING meanwhile.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    private static final int BATCH = 20;

    @Inject
    ConsentLedger ledger;

    @Resource(lookup = "mail/consent")
    Session session;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    MailOutbox outbox;

    @Inject
    @ConfigProperty(name = "consent.mail.poll-seconds", defaultValue = "5")
    long pollSeconds;

    /** How long a delivered mail (its address, its live links) stays in the outbox for operators to see. */
    @Inject
    @ConfigProperty(name = "consent.mail.keep-sent", defaultValue = "P7D")
    Duration keepSent;

    @Inject
    Clock clock;

    /** How long a stop waits for a pass under way (one SMTP exchange at most) before letting the shutdown go on. */
    private static final long STOP_WAIT_SECONDS = 10;

    private ScheduledFuture<?> task;
    /** Set once the application stops: no pass starts, and one under way ends at its next message. */
    private volatile boolean stopped;
    /** Held by a pass; a stop takes it so that no pass is still using the persistence unit once the stop returns. */
    private final ReentrantLock passing = new ReentrantLock();

    public synchronized void start() {
        if (task == null && !stopped) {
            task = scheduler.scheduleWithFixedDelay(this::relay, pollSeconds, pollSeconds, TimeUnit.SECONDS);
        }
    }

    /**
     * Stops polling for good. Called as the application begins to stop (and again, harmlessly, when the bean is
     * destroyed): a pass that ran after the persistence unit closed filled the FFDC folder at every shutdown.
     */
    @PreDestroy
    public void stop() {
        stopped = true;
        synchronized (this) {
            if (task != null) {
                task.cancel(false);
            }
        }
        try {
            if (passing.tryLock(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                passing.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One pass: every due message gets one attempt; mail delivered long enough ago is deleted. */
    void relay() {
        if (stopped || !passing.tryLock()) {
            return;
        }
        try {
            if (stopped) {
                return;
            }
            outbox.forgetDelivered(Times.now(clock).minus(keepSent));
            if (stopped) {
                return;
            }
            for (OutboxMessage message : outbox.due(BATCH)) {
                if (stopped) {
                    return;
                }
                if (outbox.claim(message)) {
                    send(message);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "mail relay pass failed; next pass in " + pollSeconds + " s", e);
        } finally {
            passing.unlock();
        }
    }

    /** Whether the double opt-in request of {@code grant} still waits for the person's click. */
    private boolean stillAsked(UUID grant) {
        try {
            ConsentLedger.Pending pending = ledger.pending(grant);
            return pending.waiting()
                    && !ledger.mailStoppedSince(pending)
                    && pending.purpose() != null
                    && !pending.purpose().isRetired()
                    && !(pending.contact() != null
                            && outbox.bounced(pending.contact().emailHash()));
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void send(OutboxMessage message) {
        if (message.confirms().map(grant -> !stillAsked(grant)).orElse(false)) {
            // Moot since it was queued: the person unsubscribed (from this channel, or from mail), objected or
            // complained, gave up the address, which may have bounced for good since, the request expired or its
            // purpose was retired. A request that waited out an SMTP outage went out all the same, for hours, until
            // 2026-12-07 (tester AQ's F2). Rows queued before that day name no grant and go as they are.
            outbox.drop(message.id());
            LOG.info(() -> "confirmation request " + message.id() + " dropped unsent: it no longer waits");
            return;
        }
        try {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom();
            mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.recipient()));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setText(message.body(), StandardCharsets.UTF_8.name());
            Transport.send(mime);
            outbox.markSent(message.id());
        } catch (MessagingException e) {
            // SMTP errors name the recipient: neither the log nor the outbox keeps the address.
            LOG.warning(() -> "sending message " + message.id() + " failed (attempt " + (message.attempts() + 1)
                    + "), will retry: " + OutboxMessage.redact(String.valueOf(e.getMessage()), message.recipient()));
            outbox.markFailed(message.id(), e.getMessage());
        }
    }
}
