package eu.consent.optout;

import eu.consent.audit.AuditLog;
import eu.consent.consent.ConsentSource;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.shared.ConflictException;
import eu.consent.shared.Jsons;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import eu.consent.suppression.SuppressionReason;
import eu.consent.suppression.SuppressionService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Applies one validated ESP event. */
@Service
public class EspEventApplier {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    KeyedHash hash;

    @Inject
    SuppressionService suppressions;

    @Inject
    OptOutService optOuts;

    @Inject
    ContactService contacts;

    @Inject
    EmailReleases releases;

    @Inject
    BouncingAddresses bouncing;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.esp.soft-bounce.threshold", defaultValue = "3")
    int softBounceThreshold;

    @Inject
    @ConfigProperty(name = "consent.esp.soft-bounce.window", defaultValue = "P30D")
    Duration softBounceWindow;

    /** Each event in its own transaction: events of different contacts never wait on one another's locks. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void apply(EspEvent e) {
        String identifier = hash.of(e.email());
        String source = "esp:" + e.provider();
        switch (e.type()) {
            case HARD_BOUNCE -> {
                // The holder locked before the entry's audit takes the chain, the order every writer of a person takes:
                // a bounce racing a CRM's change, a click or a "keep me" of the same person deadlocked every second to
                // fifth time on Derby (tester BH's F1, until 2026-12-07).
                lockedHolder(identifier);
                suppressions.suppress(
                        identifier, IdentifierKind.EMAIL, Channel.EMAIL, null, SuppressionReason.HARD_BOUNCE, source);
            }
            case COMPLAINT -> {
                // The holder locked and read again, as an unsubscribe locks them: a CRM's change of their address
                // committing meanwhile either waits for this complaint, and carries its entry to the new address, or
                // has given the address up, and the complaint reaches them there (formerHolder). Read without the lock,
                // a complaint racing the change was counted as the person's opt-out and reached neither (tester BG's
                // F5, until 2026-12-07).
                Optional<Contact> holder = lockedHolder(identifier);
                // A complaint made while someone else held the address (a CRM moved it to this holder since) is that
                // one's (formerHolder): the address's new holder is neither blocked for it nor counted (tester AH's
                // F1).
                if (holder.isEmpty() || theirs(holder.get(), identifier, e)) {
                    // The person's first complaint is their opt-out; the provider reporting it again is not another
                    // one. Looked for under the chain's lock, which the entry's addition holds to its commit: the same
                    // complaint delivered several times at once counted once per copy (tester BG's F2, until
                    // 2026-12-07), though one entry was kept.
                    audit.lockChain();
                    boolean complainedBefore = suppressions.entries(List.of(identifier)).stream()
                            .anyMatch(s -> s.reason() == SuppressionReason.COMPLAINT && s.channel() == Channel.EMAIL);
                    suppressions.suppress(
                            identifier, IdentifierKind.EMAIL, Channel.EMAIL, null, SuppressionReason.COMPLAINT, source);
                    if (!complainedBefore) {
                        Instant at = Times.notAfterNow(e.occurredAt(), clock);
                        holder.ifPresent(c -> optOuts.recordComplaint(c.id(), at));
                    }
                }
                formerHolder(identifier, e);
            }
            case UNSUBSCRIBE -> {
                unsubscribe(identifier, source, e);
                formerHolder(identifier, e);
            }
            case SOFT_BOUNCE -> softBounce(identifier, e, source);
        }
    }

    /**
     * The contact holding the address, locked and read again: one whose change of address or erasure committed while
     * this event waited no longer holds it (empty). Until 2026-12-07 a holder erased meanwhile failed the whole batch
     * with a 500, its other events unapplied (tester BH's F4).
     */
    private Optional<Contact> lockedHolder(String identifier) {
        return contacts.byHash(identifier).flatMap(c -> {
            em.detach(c);
            return Optional.ofNullable(em.find(Contact.class, c.id().toString(), LockModeType.PESSIMISTIC_WRITE))
                    .filter(locked -> identifier.equals(locked.emailHash()));
        });
    }

    /**
     * Whether a report about the address {@code contact} holds now is theirs: not made while someone else held it (a
     * CRM moved it to them since: then it is that one's, {@link #formerHolder}), and their consent stays (tester AH's
     * F1: until 2026-12-06 a late report withdrew the new holder's consent, and counted their complaint). Without that
     * evidence it is theirs, even dated before they were created: a provider may have known the person first, and an
     * opt-out is never dropped on a guess.
     */
    private boolean theirs(Contact contact, String identifier, EspEvent e) {
        return e.occurredAt() == null
                || releases.heldAt(identifier, e.occurredAt())
                        .filter(former -> !former.equals(contact.id()))
                        .isEmpty();
    }

    /**
     * The person who held the address when they unsubscribed or complained, and has changed it since (the provider's
     * report came after a CRM's PATCH or an import): their word reaches them at their address now, as it would have had
     * the report come first, and "leave everything on email" follows them to any address they are given later.
     */
    private void formerHolder(String identifier, EspEvent e) {
        releases.heldAt(identifier, e.occurredAt())
                .flatMap(id -> Optional.ofNullable(em.find(Contact.class, id.toString())))
                .filter(c -> !identifier.equals(c.emailHash()))
                .ifPresent(c -> optOuts.unsubscribeAsOf(c.id(), Channel.EMAIL, ConsentSource.ESP, e.occurredAt()));
    }

    /**
     * The person's unsubscribe at their provider, as of the moment the provider says they made it (AD-F5): the same
     * event delivered again after their own new opt-in no longer withdraws it.
     */
    private void unsubscribe(String identifier, String source, EspEvent e) {
        Optional<Contact> contact = contacts.byHash(identifier);
        if (contact.isPresent()) {
            if (theirs(contact.get(), identifier, e)) {
                optOuts.unsubscribeAsOf(contact.get().id(), Channel.EMAIL, ConsentSource.ESP, e.occurredAt());
            }
        } else {
            suppressions.suppress(
                    identifier,
                    IdentifierKind.EMAIL,
                    Channel.EMAIL,
                    null,
                    SuppressionReason.UNSUBSCRIBED,
                    source,
                    suppressions.entries(List.of(identifier)),
                    Times.notAfterNow(e.occurredAt(), clock));
        }
    }

    /**
     * Whether this bounce was recorded already: the same message of the same provider, or, without a message id (the
     * contract makes it optional), the same provider's report of the same moment. A provider retrying one webhook
     * delivery three times counted three bounces and blocked the address for good (AD-F4, until 2026-12-06).
     */
    private boolean reportedBefore(String identifier, EspEvent e) {
        jakarta.persistence.TypedQuery<Long> same = e.messageId() != null
                ? em.createNamedQuery(SoftBounce.SAME_MESSAGE, Long.class).setParameter("messageId", e.messageId())
                : em.createNamedQuery(SoftBounce.SAME_REPORT, Long.class).setParameter("at", e.occurredAt());
        return same.setParameter("hash", identifier)
                        .setParameter("provider", e.provider())
                        .getSingleResult()
                > 0;
    }

    /**
     * Records the bounce and suppresses the address once its bounces in the window reach the threshold, under the
     * address's row (see {@link BouncingAddresses}): reports of one address, sent at once, are counted one after another,
     * and a message reported twice at once is recorded once.
     */
    private void softBounce(String identifier, EspEvent e, String source) {
        Instant now = Times.now(clock);
        if (!bouncing.lock(identifier, now)) {
            try {
                bouncing.open(identifier, now);
            } catch (ConflictException openedMeanwhile) {
                // Another report of the address gave it its row first: lock that one.
            }
            if (!bouncing.lock(identifier, now)) {
                throw new IllegalStateException("the soft-bounced address has no row to lock");
            }
        }
        if (reportedBefore(identifier, e)) {
            return;
        }
        SoftBounce bounce = new SoftBounce(identifier, e.provider(), e.messageId(), e.occurredAt());
        em.persist(bounce);
        em.flush();
        long recent = em.createNamedQuery(SoftBounce.COUNT_SINCE, Long.class)
                .setParameter("hash", identifier)
                .setParameter("since", SoftBounceRetention.cutoff(now, softBounceWindow))
                .getSingleResult();
        // Kept about the address and counted towards blocking it: audited in the reporter's name and listed in the
        // holder's audit, as a suppression of their address is. Until 2026-12-06 a bounce below the threshold was
        // audited nowhere, and a DPO asked "who put this on my record?" found only the row. The message id stays out
        // of the chain, which nothing erases: a provider's id often reads like an address.
        audit.append(
                "SOFT_BOUNCE_RECORDED",
                "soft-bounce",
                bounce.id(),
                Jsons.createObjectBuilder()
                        .add("provider", e.provider())
                        .add("occurredAt", e.occurredAt().toString())
                        .add("bounces", recent)
                        .add("threshold", softBounceThreshold)
                        .build(),
                contacts.byHash(identifier).map(c -> List.of(c.id().toString())).orElse(List.of()));
        if (recent >= softBounceThreshold) {
            suppressions.suppress(
                    identifier,
                    IdentifierKind.EMAIL,
                    Channel.EMAIL,
                    null,
                    SuppressionReason.HARD_BOUNCE,
                    source + ":soft-bounces");
        }
    }
}
