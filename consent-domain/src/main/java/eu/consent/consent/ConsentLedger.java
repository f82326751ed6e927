package eu.consent.consent;

import eu.consent.audit.AuditLog;
import eu.consent.contact.Contact;
import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.purpose.Notice;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeKind;
import eu.consent.shared.ConflictException;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import eu.consent.shared.Violations;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import eu.consent.suppression.SuppressionService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Records consent events and keeps the current state per (contact, purpose, channel) in step with them. Writes for one
 * contact are serialized by a lock on the contact row, which also gives every event its arrival number.
 */
@Service
public class ConsentLedger {

    /** Contacts folded again per page by the projection check. */
    static final int PROJECTION_PAGE = 500;

    /** The differing keys the projection check names; past that it only counts them. */
    static final int REPORTED_MISMATCHES = 1000;

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<ConfirmationRequested> confirmationRequested;

    @Inject
    SuppressionService suppressions;

    @Inject
    Event<ConsentWithdrawn> withdrawn;

    @Inject
    KeyedHash hash;

    @Inject
    AddressHistory addresses;

    /**
     * Records a GRANT, WITHDRAW or OBJECT sent by an API client. The server's own sources (the pages, one-click, ESP
     * events, admin) are its acts, not the client's: a client claiming one would pass off its call as the person's.
     */
    public Recorded recordFromClient(RecordConsent in) {
        refuseServerOwned(in.source().name());
        return record(in);
    }

    /**
     * Refuses a source that names one of the server's own acts, which no client may claim; checked on the raw value
     * before anything else of a request, so that this is the one answer such a request gets.
     */
    public static void refuseServerOwned(String source) {
        PersonsOwnAct.whyServerOwned(source).ifPresent(why -> {
            throw new InvalidInputException("source", why);
        });
    }

    /** Why a client may not send CONFIRM: only the double opt-in confirmation writes it. */
    public static final String CONFIRM_REFUSED = "CONFIRM is written by the double opt-in confirmation only";

    /** Records a GRANT, WITHDRAW or OBJECT, with its proof (from a client, or from the server's own pages). */
    public Recorded record(RecordConsent in) {
        return record(in, false);
    }

    /**
     * Records a GRANT that takes effect only once the person confirms it from the message sent to them (the double
     * opt-in path), whatever the purpose asks: the preference centre re-opening what the person closed, which anyone
     * holding the link could otherwise do. Nothing the person closed is lifted before that confirmation.
     */
    public Recorded recordToConfirm(RecordConsent in) {
        return record(in, true);
    }

    private Recorded record(RecordConsent in, boolean confirmByMail) {
        Violations v = new Violations();
        UUID contactId = in.contactId();
        String purposeKey = in.purpose().value();
        Channel channel = in.channel();
        ConsentAction action = in.action();
        if (action == ConsentAction.CONFIRM) {
            v.add("action", CONFIRM_REFUSED);
        }
        ConsentSource source = in.source();
        UUID noticeId = in.noticeId();
        Proof.check(in.proof(), "proof.", v);
        v.throwIfAny();
        Instant occurredAt = Times.occurredAt(in.occurredAt(), clock, "occurredAt");

        Contact contact = lockContact(contactId);
        Purpose purpose = em.find(Purpose.class, purposeKey);
        if (purpose == null) {
            throw new InvalidInputException("purpose", "is not a known purpose");
        }
        if (!purpose.uses(channel)) {
            v.add("channel", "is not a channel of purpose " + purposeKey + " " + purpose.channels());
        }
        if (action == ConsentAction.GRANT && noticeId == null) {
            v.add("noticeId", "a GRANT must name the notice the person was shown");
        }
        Notice notice = null;
        if (noticeId != null) {
            notice = em.find(Notice.class, noticeId.toString());
            if (notice == null || !notice.purposeKey().equals(purposeKey)) {
                v.add("noticeId", "is not a notice of purpose " + purposeKey);
            }
        }
        v.throwIfAny();
        if (action == ConsentAction.GRANT) {
            // The suppressions are weighed as committed under the audit chain's lock, which every addition holds from
            // its audit to its commit: one added while this grant runs is either seen by every check below or dated
            // after the lock goes (SuppressionService#add). Until 2026-12-07 a call centre's stop committed between the
            // grant's first look and its lift was seen by the lift alone (tester BG's F3).
            audit.lockChain();
            // The page decided whether this switch re-opens what the person closed before the lock: a stop committed
            // since (a call centre's, as the page was saved) makes it a re-opening too, confirmed by mail (tester BG's
            // F3: until 2026-12-07 it was GRANTED at once and lifted the stop just acknowledged).
            confirmByMail |= source == ConsentSource.PREFERENCE_CENTER && stoppedBy(contact, purposeKey, channel);
            boolean own = PersonsOwnAct.is(source, in.proof());
            ConsentState before =
                    stateOf(em.find(CurrentConsent.class, new CurrentConsent.Key(contactId, purposeKey, channel)));
            if (!own) {
                objectAsTheyLeftEverything(contact, purpose, channel, before);
            }
            objectAsTheyOptedOut(contact, purpose, channel, before, own ? occurredAt : null);
        }

        ConsentEvent event = new ConsentEvent(
                contactId,
                purposeKey,
                channel,
                action,
                source,
                noticeId,
                purpose.requiresDoubleOptIn() || confirmByMail,
                in.proof(),
                occurredAt,
                Times.now(clock),
                nextArrival(contactId));
        Recorded recorded = append(event, notice);
        // Only a grant the pending state rests on asks for a confirmation: a client's grant while the person's
        // re-opening waits changes nothing, and its mail's link would confirm nothing (a 409), until 2026-12-06.
        if (recorded.state() == ConsentState.PENDING
                && recorded.decides()
                && event.needsConfirmation()
                && (PersonsOwnAct.is(source, in.proof()) || confirmByMail || !stoppedMail(contact, purposeKey))
                && !complainedOf(contact, channel, purposeKey)) {
            confirmationRequested.fire(new ConfirmationRequested(contact, purpose, event));
        }
        // An opt-out only where it took effect: a WITHDRAW dated before a grant that stands was announced
        // (optout.recorded) and counted as one while every decision still allowed, and one repeated on a pair already
        // so was another opt-out in the metrics, the statistics and the audit (both until 2026-12-06).
        if (ConsentWithdrawn.tookEffect(action, recorded.previousState(), recorded.state())) {
            withdrawn.fire(new ConsentWithdrawn(event, false));
        }
        // A grant waiting for the mailed confirmation (a re-opening from the page, any grant of a double opt-in
        // purpose) lifts nothing and moves no retention clock until the click (confirm): anyone can type an address
        // into a form. Until 2026-12-07 such a request, never confirmed, gave a person past retention three more
        // years of prospecting on every purpose (tester AY's F6).
        // A grant that stands behind an opt-out (the person's one-click committed while it waited for the contact's
        // lock, dated after it) answers WITHDRAWN and lifts nothing: until 2026-12-07 it lifted the one-click's entry,
        // dated at the click's arrival, before the grant (tester BG's F1).
        if (action == ConsentAction.GRANT && PersonsOwnAct.is(source, in.proof()) && !event.needsConfirmation()) {
            Instant at = earlier(occurredAt, event.recordedAt());
            if (recorded.state() == ConsentState.GRANTED) {
                liftForOptIn(
                        contact, channel, purposeKey, at, reason -> PersonsOwnAct.lifts(source, in.proof(), reason));
            }
            contact.recordOwnAct(at);
        }
        return recorded;
    }

    /** The state a pair's projection holds, NONE without one. */
    private static ConsentState stateOf(CurrentConsent current) {
        return current == null ? ConsentState.NONE : current.state();
    }

    /**
     * "Unsubscribe from everything" (or an unsubscribe link for all prospecting on push) objected on every prospecting
     * purpose that existed then on the channels no suppression holds (push). A pair that came later (a purpose created
     * since, a channel added to one) there gets the same objection, dated then, from the source the person left by
     * and marked {@link ConsentEvent#LEFT_EVERYTHING}, before a grant that is not the person's own is weighed against
     * it: kept in the history, it changes nothing.
     */
    private void objectAsTheyLeftEverything(Contact contact, Purpose purpose, Channel channel, ConsentState state) {
        Instant left = contact.leftEverythingAt();
        if (left == null
                || !PersonsOwnAct.closedByLeavingEverything(
                        left, purpose.kind() == PurposeKind.PROSPECTING, channel, state != ConsentState.NONE)) {
            return;
        }
        append(new ConsentEvent(
                contact.id(),
                purpose.key(),
                channel,
                ConsentAction.OBJECT,
                // A mark made before its source was kept was the preference page's: only it made one then.
                contact.leftEverythingSource() == null
                        ? ConsentSource.PREFERENCE_CENTER
                        : ConsentSource.valueOf(contact.leftEverythingSource()),
                null,
                false,
                new Proof(null, null, null, ConsentEvent.LEFT_EVERYTHING, null),
                left,
                Times.now(clock),
                nextArrival(contact.id())));
    }

    /**
     * The person's opt-out kept as a suppression only (an unsubscribe from all prospecting on the channel, or from this
     * purpose, a complaint; the ERASED mark of a person erased after one), which the pair's history does not show,
     * written into it as the person's OBJECT, dated when they said it and naming the entry, before a grant is weighed
     * against it ({@link UnwrittenOptOut}): a client's grant on a pair with no state yet is then kept and changes
     * nothing, as on a pair the person closed themselves, and the person's own grant dated before their opt-out stays
     * behind it, whenever it arrives. Only an entry made while this contact held the address or number: one its former
     * holder made, or one made before this contact existed and followed by no erasure, still blocks decisions but is no
     * word of this person's (review 43). Until 2026-12-07 each of those grants read GRANTED in its answer, the consents,
     * the history, the exports and the webhooks, while every decision denied (testers AV's F1 and F2, AX's F1 and F3).
     */
    private void objectAsTheyOptedOut(
            Contact contact, Purpose purpose, Channel channel, ConsentState state, Instant ownGrantAt) {
        if (purpose.kind() != PurposeKind.PROSPECTING || (ownGrantAt == null && state != ConsentState.NONE)) {
            return;
        }
        Map<IdentifierKind, String> held = contact.identifierHashes(hash);
        String identifier = channel.identifier().map(held::get).orElse(null);
        // The ERASED mark is kept under every identifier that carries the channel's (push: the address and the
        // number; post: those too), as the decisions read it (review 44: a person erased after an opt-out who came back
        // had a client's grant on push, or on post without an address, read GRANTED while decisions denied).
        List<String> hashes = channel.markedThrough().stream()
                .map(held::get)
                .filter(Objects::nonNull)
                .toList();
        if (hashes.isEmpty()) {
            return;
        }
        // One read: every entry of the channel's own identifier, only the ERASED mark of the others.
        List<Suppression> entries = suppressions.entries(hashes).stream()
                .filter(s -> s.identifierHash().equals(identifier) || s.reason() == SuppressionReason.ERASED)
                .toList();
        UnwrittenOptOut.before(
                        entries,
                        purpose.key(),
                        channel,
                        contact.createdAt(),
                        s -> addresses
                                .formerHolderAt(s.identifierHash(), s.firstSaidAt())
                                .filter(former -> !former.equals(contact.id()))
                                .isPresent(),
                        state == ConsentState.NONE,
                        ownGrantAt,
                        () -> closingMoments(contact.id(), purpose.key(), channel))
                .ifPresent(s -> objectAsSaid(contact.id(), purpose.key(), channel, s));
    }

    /**
     * Writes an opt-out kept as a suppression into a pair's history as the OBJECT of the person who made it, dated when
     * they made it, from its source, naming the entry ({@code suppression:<reason>:<id>}).
     */
    private void objectAsSaid(UUID contactId, String purposeKey, Channel channel, Suppression s) {
        append(new ConsentEvent(
                contactId,
                purposeKey,
                channel,
                ConsentAction.OBJECT,
                sourceOf(s),
                null,
                false,
                new Proof(null, null, null, ConsentEvent.OPTED_OUT + s.reason() + ":" + s.id(), null),
                s.createdAt(),
                Times.now(clock),
                nextArrival(contactId)));
    }

    /** The moments of a pair's closing events (WITHDRAW, OBJECT; not a double opt-in's expiry). */
    private List<Instant> closingMoments(UUID contactId, String purposeKey, Channel channel) {
        return em.createNamedQuery(ConsentEvent.OF_KEY, ConsentEvent.class)
                .setParameter("contact", contactId.toString())
                .setParameter("purpose", purposeKey)
                .setParameter("channel", channel)
                .getResultStream()
                .filter(e -> (e.action() == ConsentAction.WITHDRAW || e.action() == ConsentAction.OBJECT)
                        && !e.pendingExpiry())
                .map(ConsentEvent::occurredAt)
                .toList();
    }

    /**
     * Lifts the opt-outs of the purpose on the contact's identifiers that their own fresh opt-in supersedes ({@link
     * SuppressionService#liftForOptIn}); one made while another contact held the identifier (the person the CRM took
     * the address from, who may be given it back) is that person's word, not a word this opt-in answers: it is written
     * into their history as their OBJECT, dated when it was made, before the entry goes. Until 2026-12-07 the next
     * holder's yes lifted a call centre's "stop" of the purpose, and its maker was mailable again when the address came
     * back to them (tester BB's F6).
     */
    private void liftForOptIn(
            Contact contact, Channel channel, String purposeKey, Instant at, Predicate<SuppressionReason> lifts) {
        for (Suppression s : suppressions.liftForOptIn(identifierHashes(contact), channel, purposeKey, at, lifts)) {
            addresses
                    .formerHolderAt(s.identifierHash(), s.firstSaidAt())
                    .filter(former -> !former.equals(contact.id()))
                    .map(former -> em.find(Contact.class, former.toString(), LockModeType.PESSIMISTIC_WRITE))
                    .filter(former -> !closedSince(former.id(), s))
                    .ifPresent(former -> objectAsSaid(former.id(), s.purposeKey(), s.channel(), s));
        }
    }

    /** Whether the pair of an entry already shows a withdrawal or objection from the entry's moment on. */
    private boolean closedSince(UUID contactId, Suppression s) {
        Instant from = s.createdAt().truncatedTo(ChronoUnit.MILLIS);
        return closingMoments(contactId, s.purposeKey(), s.channel()).stream().anyMatch(at -> !at.isBefore(from));
    }

    /**
     * Where a suppression's opt-out came from, as a consent event's source: the person's own page or link ({@code
     * person:ONE_CLICK}…), their provider or its list ({@code esp:…}, {@code list:…}: ESP), the erasure's mark
     * (ADMIN), else a client's entry (API). Read here, not by the suppression, which the consent package depends on.
     */
    private static ConsentSource sourceOf(Suppression s) {
        String from = s.source() == null ? "" : s.source();
        if (from.equals(SuppressionService.ERASURE_SOURCE)) {
            return ConsentSource.ADMIN; // the ERASED mark: the erasure kept the opt-out, no client's entry (review 44)
        }
        if (from.startsWith("person:")) {
            try {
                return ConsentSource.valueOf(from.substring("person:".length()));
            } catch (IllegalArgumentException e) {
                return ConsentSource.API;
            }
        }
        return from.startsWith("esp:") || from.startsWith("list:") ? ConsentSource.ESP : ConsentSource.API;
    }

    /**
     * Writes the WITHDRAW of an opt-out (unsubscribe link, one-click, ESP, preference centre) unless the state is
     * already withdrawn or objected; returns the event written, if one was. Where the person had given no consent — a
     * B2B recipient mailed under the opt-out regime, a customer under the soft opt-in — there is none to withdraw: the
     * opt-out is their objection (an OBJECT, legitimate interest), as the preference page records it. Until 2026-12-06
     * a one-click wrote, and a receipt signed, a withdrawal of a consent that never was.
     */
    public java.util.Optional<ConsentEvent> withdrawForOptOut(
            Contact lockedContact, String purposeKey, Channel channel, ConsentSource source, Proof proof) {
        return withdrawForOptOut(lockedContact, purposeKey, channel, source, proof, null);
    }

    /**
     * {@link #withdrawForOptOut(Contact, String, Channel, ConsentSource, Proof)} of an opt-out the person made at
     * {@code saidAt} (null: now), reported since (their mail provider's event): it counts at that moment, so a consent
     * they gave themselves after it stays, and the same report received again writes nothing. Returns the event only
     * when it decides the state. Until 2026-12-06 a provider's webhook retried after the person's new opt-in withdrew
     * it again, as of its arrival (AD-F5).
     */
    public java.util.Optional<ConsentEvent> withdrawForOptOut(
            Contact lockedContact,
            String purposeKey,
            Channel channel,
            ConsentSource source,
            Proof proof,
            Instant saidAt) {
        CurrentConsent current =
                em.find(CurrentConsent.class, new CurrentConsent.Key(lockedContact.id(), purposeKey, channel));
        boolean consented =
                current != null && (current.state() == ConsentState.GRANTED || current.state() == ConsentState.PENDING);
        return closeForOptOut(
                lockedContact,
                purposeKey,
                channel,
                consented ? ConsentAction.WITHDRAW : ConsentAction.OBJECT,
                source,
                proof,
                saidAt);
    }

    /**
     * Writes the OBJECT of an opt-out on a pair the person had not consented to (an unsubscribe from all prospecting
     * on push, where no suppression holds the channel) unless the state is already withdrawn or objected; returns the
     * event written, if one was. Like the WITHDRAW, it is part of that one opt-out, logged once by its caller.
     */
    public java.util.Optional<ConsentEvent> objectForOptOut(
            Contact lockedContact, String purposeKey, Channel channel, ConsentSource source, Proof proof) {
        return closeForOptOut(lockedContact, purposeKey, channel, ConsentAction.OBJECT, source, proof, null);
    }

    private java.util.Optional<ConsentEvent> closeForOptOut(
            Contact lockedContact,
            String purposeKey,
            Channel channel,
            ConsentAction action,
            ConsentSource source,
            Proof proof,
            Instant saidAt) {
        CurrentConsent current =
                em.find(CurrentConsent.class, new CurrentConsent.Key(lockedContact.id(), purposeKey, channel));
        if (current != null
                && (current.state() == ConsentState.WITHDRAWN || current.state() == ConsentState.OBJECTED)) {
            return java.util.Optional.empty();
        }
        Instant now = Times.now(clock);
        // The moment reported, as reported (a provider's clock a little fast included: the derivation counts an event
        // at the earlier of it and its arrival), so that the same report compares equal on every delivery.
        Instant at = saidAt == null ? now : saidAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<ConsentEvent> history = saidAt == null
                ? List.of()
                : em.createNamedQuery(ConsentEvent.OF_KEY, ConsentEvent.class)
                        .setParameter("contact", lockedContact.id().toString())
                        .setParameter("purpose", purposeKey)
                        .setParameter("channel", channel)
                        .getResultList();
        if (history.stream()
                .anyMatch(e -> e.source() == source
                        && (e.action() == ConsentAction.WITHDRAW || e.action() == ConsentAction.OBJECT)
                        && e.occurredAt().equals(at))) {
            return java.util.Optional.empty(); // the same report, delivered again
        }
        ConsentEvent event = new ConsentEvent(
                lockedContact.id(),
                purposeKey,
                channel,
                action,
                source,
                null,
                false,
                proof,
                at,
                now,
                nextArrival(lockedContact.id()));
        if (saidAt != null && !decides(history, event)) {
            // Older than what decides the pair now (the person's own consent given after it): a record of an opt-out
            // that changed nothing, a WITHDRAW dated before the consent it would name, would read as if it had.
            return java.util.Optional.empty();
        }
        Recorded recorded = append(event);
        return recorded.decides() ? java.util.Optional.of(event) : java.util.Optional.empty();
    }

    /** Whether {@code candidate}, added to the pair's {@code history}, is the event that decides its state. */
    private static boolean decides(List<ConsentEvent> history, ConsentEvent candidate) {
        List<ConsentDerivation.Fact> facts = new ArrayList<>();
        history.forEach(e -> facts.add(ConsentDerivation.Fact.of(e)));
        facts.add(ConsentDerivation.Fact.of(candidate));
        ConsentDerivation.Outcome outcome = ConsentDerivation.derive(facts);
        return outcome != null && candidate.id().equals(outcome.eventId());
    }

    /**
     * Drops the double opt-ins of a contact that waited for confirmation since before {@code cutoff}. Each gets an
     * event, so the history says why the consent never came to be: a WITHDRAW (the contract has no other action for
     * it) by ADMIN naming the expiry, which the derivation reads as a drop, not as the person's opt-out. The pair goes
     * back to what it was before the grant (NONE if nothing), so a B2B contact or a soft opt-in is sendable again.
     */
    public int expirePending(UUID contactId, Instant cutoff) {
        Contact contact = em.find(Contact.class, contactId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (contact == null) {
            return 0;
        }
        int expired = 0;
        for (CurrentConsent c : em.createNamedQuery(CurrentConsent.OF_CONTACT, CurrentConsent.class)
                .setParameter("contact", contactId.toString())
                .getResultList()) {
            if (c.state() == ConsentState.PENDING && waitingSince(c).isBefore(cutoff)) {
                append(new ConsentEvent(
                        contactId,
                        c.purposeKey(),
                        c.channel(),
                        ConsentAction.WITHDRAW,
                        ConsentSource.ADMIN,
                        null,
                        false,
                        new Proof(null, null, null, ConsentEvent.PENDING_EXPIRY, null),
                        Times.now(clock),
                        Times.now(clock),
                        nextArrival(contactId)));
                expired++;
            }
        }
        return expired;
    }

    /** Since when a pending grant has waited: since the server received it (and mailed its request). */
    private Instant waitingSince(CurrentConsent pending) {
        ConsentEvent grant = em.find(ConsentEvent.class, pending.eventId().toString());
        return grant == null ? pending.since() : grant.recordedAt();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isAfter(b) ? b : a;
    }

    /**
     * Whether the person stopped email for this purpose (an unsubscribe from it or from all prospecting, a complaint,
     * an erasure after an opt-out): then a grant a client records without the person's own proof mails them no
     * confirmation request. The grant is kept, waiting, and changes nothing; only the person's own consent re-opens.
     */
    private boolean stoppedMail(Contact contact, String purposeKey) {
        if (contact.emailHash() == null) {
            return false;
        }
        return suppressions.entries(List.of(contact.emailHash())).stream()
                .anyMatch(s -> Overtaken.stopsMail(s, purposeKey));
    }

    /**
     * Whether the identifier the channel reaches carries a stop the person would lift by opting in: an unsubscribe from
     * the purpose or from all prospecting on the channel, or the ERASED mark of an opt-out made before an erasure.
     */
    private boolean stoppedBy(Contact contact, String purposeKey, Channel channel) {
        String identifier = channel.identifier()
                .map(kind -> contact.identifierHashes(hash).get(kind))
                .orElse(null);
        if (identifier == null) {
            return false;
        }
        return suppressions.entries(List.of(identifier)).stream()
                .anyMatch(s -> s.reason() == SuppressionReason.ERASED
                        || (s.reason() == SuppressionReason.UNSUBSCRIBED
                                && s.channel() == channel
                                && (s.purposeKey() == null || s.purposeKey().equals(purposeKey))));
    }

    /** Whether the contact's address has a complaint ({@link Overtaken#complained}): no confirmation goes to it. */
    private boolean complainedOf(Contact contact, Channel channel, String purposeKey) {
        return contact.emailHash() != null
                && Overtaken.complained(channel, purposeKey, suppressions.entries(List.of(contact.emailHash())));
    }

    /**
     * Whether the mailbox a confirmation request goes to stopped mail for the grant's purpose after it was asked for
     * ({@link Overtaken#mailStopped}): the relay then drops the request.
     */
    public boolean mailStoppedSince(Pending pending) {
        ConsentEvent grant = pending.grant();
        Contact contact = pending.contact();
        if (contact == null || contact.emailHash() == null) {
            return false;
        }
        List<Suppression> entries = suppressions.entries(List.of(contact.emailHash()));
        return Overtaken.complained(grant.channel(), grant.purposeKey(), entries)
                || Overtaken.mailStopped(
                        grant.recordedAt(),
                        PersonsOwnAct.is(grant.source(), grant.proof()),
                        grant.purposeKey(),
                        entries);
    }

    private List<String> identifierHashes(Contact contact) {
        return List.copyOf(contact.identifierHashes(hash).values());
    }

    /**
     * Confirms a pending double opt-in: writes a CONFIRM event with the confirming request's proof. Only the grant
     * that is still waiting can be confirmed; anything else (already confirmed, withdrawn since, superseded) is a
     * conflict and changes nothing.
     */
    public Recorded confirm(UUID grantEventId, Proof proof) {
        ConsentEvent grant = em.find(ConsentEvent.class, grantEventId.toString());
        if (grant == null || grant.action() != ConsentAction.GRANT) {
            throw new NotFoundException("pending consent", grantEventId);
        }
        Contact contact = lockContact(grant.contactId());
        CurrentConsent current = em.find(
                CurrentConsent.class, new CurrentConsent.Key(grant.contactId(), grant.purposeKey(), grant.channel()));
        Optional<ConsentEvent> open = openRequest(grant, current);
        if (open.isEmpty() || optedOutSince(grant, contact) || sentElsewhere(grant, contact)) {
            throw new ConflictException("this consent is no longer waiting for confirmation");
        }
        // The click confirms the request as it waits now (the latest of a form sent twice), whichever mail it came
        // from.
        ConsentEvent asked = open.get();
        // The click on the confirmation link is the person's own act: it restarts the retention clock.
        contact.recordOwnAct(Times.now(clock));
        Recorded confirmed = append(new ConsentEvent(
                asked.contactId(),
                asked.purposeKey(),
                asked.channel(),
                ConsentAction.CONFIRM,
                asked.source(),
                asked.noticeId(),
                false,
                proof,
                Times.now(clock),
                Times.now(clock),
                nextArrival(asked.contactId())));
        // A re-opening waited for this click to lift the person's own opt-out of the purpose (see recordToConfirm).
        if (PersonsOwnAct.is(asked.source(), asked.proof()) && confirmed.state() == ConsentState.GRANTED) {
            liftForOptIn(
                    contact,
                    asked.channel(),
                    asked.purposeKey(),
                    confirmed.event().occurredAt(),
                    reason -> PersonsOwnAct.lifts(asked.source(), asked.proof(), reason));
        }
        return confirmed;
    }

    /**
     * The grant event behind a confirmation link, with its current state, for the confirmation page. It reads only, in
     * a transaction all the same: the address history is read on the persistence context's own connection, which
     * EclipseLink lends inside one only.
     */
    public Pending pending(UUID grantEventId) {
        ConsentEvent grant = em.find(ConsentEvent.class, grantEventId.toString());
        if (grant == null || grant.action() != ConsentAction.GRANT) {
            throw new NotFoundException("pending consent", grantEventId);
        }
        CurrentConsent current = em.find(
                CurrentConsent.class, new CurrentConsent.Key(grant.contactId(), grant.purposeKey(), grant.channel()));
        Contact contact = em.find(Contact.class, grant.contactId().toString());
        boolean sentElsewhere = contact != null && sentElsewhere(grant, contact);
        boolean optedOut = contact != null && optedOutSince(grant, contact);
        boolean waiting = openRequest(grant, current).isPresent() && !sentElsewhere && !optedOut;
        // Dropped unanswered by the nightly expiry: the link has lapsed, as an old one does (tester AQ's F4).
        boolean lapsed = !waiting
                && current != null
                && Optional.ofNullable(
                                em.find(ConsentEvent.class, current.eventId().toString()))
                        .map(e -> e.pendingExpiry() && e.arrival() > grant.arrival())
                        .orElse(false);
        return new Pending(
                grant,
                em.find(Purpose.class, grant.purposeKey()),
                contact,
                waiting,
                sentElsewhere,
                lapsed,
                stateOf(current),
                optedOut);
    }

    /**
     * The grant waiting for its confirmation that {@code grant}'s link stands for: itself, or a later grant of the same
     * request — the purpose and channel asked again (a form sent twice, a retried call) with nothing but grants recorded
     * since, so that every mail of the request confirms it. Until 2026-12-07 the second mail killed the first one's link,
     * whose page then said "already confirmed, or withdrawn since" (tester AQ's F6). Empty when nothing waits.
     */
    private Optional<ConsentEvent> openRequest(ConsentEvent grant, CurrentConsent current) {
        if (current == null || current.state() != ConsentState.PENDING) {
            return Optional.empty();
        }
        if (current.eventId().equals(grant.id())) {
            return Optional.of(grant);
        }
        List<ConsentEvent> pair = em.createNamedQuery(ConsentEvent.OF_KEY, ConsentEvent.class)
                .setParameter("contact", grant.contactId().toString())
                .setParameter("purpose", grant.purposeKey())
                .setParameter("channel", grant.channel())
                .getResultList();
        Optional<ConsentEvent> waiting = pair.stream()
                .filter(e -> e.id().equals(current.eventId()))
                .filter(e -> e.action() == ConsentAction.GRANT && e.arrival() > grant.arrival())
                .findFirst();
        boolean onlyGrantsSince = waiting.isPresent()
                && pair.stream()
                        .filter(e -> e.arrival() > grant.arrival()
                                && e.arrival() <= waiting.get().arrival())
                        .allMatch(e -> e.action() == ConsentAction.GRANT);
        return onlyGrantsSince ? waiting : Optional.empty();
    }

    /**
     * Whether the contact has given up, since the grant was asked for, the email address its confirmation was mailed
     * to (the message is queued in the grant's transaction, to the address held then): see {@link
     * Overtaken#bySentElsewhere}.
     */
    private boolean sentElsewhere(ConsentEvent grant, Contact contact) {
        return Overtaken.bySentElsewhere(
                addresses.emailGivenUpSince(contact.id(), grant.recordedAt()), contact.emailHash());
    }

    /**
     * Whether the person opted out of the grant's purpose and channel after it was asked for, by a path that writes no
     * consent event (an {@code UNSUBSCRIBED} entry from the API or a provider's list, the "leave everything" mark):
     * see {@link Overtaken#byOptOut}.
     */
    private boolean optedOutSince(ConsentEvent grant, Contact contact) {
        String identifier = grant.channel()
                .identifier()
                .map(kind -> contact.identifierHashes(hash).get(kind))
                .orElse(null);
        return Overtaken.byOptOut(
                grant.recordedAt(),
                grant.purposeKey(),
                grant.channel(),
                identifier == null ? List.of() : suppressions.entries(List.of(identifier)),
                contact.leftEverythingAt());
    }

    /**
     * Whether the pending grant {@code grantEventId} can still be confirmed from the message mailed for it: not when
     * that went to an address the contact has given up since, nor after an opt-out made since.
     */
    public boolean stillWaiting(UUID grantEventId) {
        return pending(grantEventId).waiting();
    }

    /**
     * A grant behind a confirmation link: whether it still waits, and for what; {@code sentElsewhere} says that the
     * link went to an address the contact no longer holds, so it confirms nothing (and {@code waiting} is false);
     * {@code lapsed}, that the nightly expiry dropped it unanswered; {@code now}, the pair's state now; {@code optedOut}, that the person opted out of it since by a path
     * that writes no consent event. What a link that no longer waits tells the person rests on the last two.
     */
    public record Pending(
            ConsentEvent grant,
            Purpose purpose,
            Contact contact,
            boolean waiting,
            boolean sentElsewhere,
            boolean lapsed,
            ConsentState now,
            boolean optedOut) {

        /** The pair stands granted (confirmed by this request or another), with no opt-out made since. */
        public boolean confirmedAlready() {
            return now == ConsentState.GRANTED && !optedOut && !sentElsewhere;
        }

        /** The person withdrew, objected or unsubscribed since. */
        public boolean withdrawnSince() {
            return optedOut || now == ConsentState.WITHDRAWN || now == ConsentState.OBJECTED;
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CurrentConsent> current(UUID contactId) {
        requireContact(contactId);
        return em.createNamedQuery(CurrentConsent.OF_CONTACT, CurrentConsent.class)
                .setParameter("contact", contactId.toString())
                .getResultList();
    }

    /**
     * Every event of the contact in the order they count ({@link ConsentDerivation#COUNTED}), each with the notice that
     * was shown and the state it left its purpose and channel in.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Evidence> history(UUID contactId) {
        requireContact(contactId);
        List<ConsentEvent> events = new ArrayList<>(em.createNamedQuery(ConsentEvent.OF_CONTACT, ConsentEvent.class)
                .setParameter("contact", contactId.toString())
                .getResultList());
        events.sort(ConsentDerivation.COUNTED);
        Map<String, List<ConsentDerivation.Fact>> byKey = new HashMap<>();
        for (ConsentEvent e : events) {
            byKey.computeIfAbsent(key(contactId.toString(), e.purposeKey(), e.channel()), k -> new ArrayList<>())
                    .add(ConsentDerivation.Fact.of(e));
        }
        Map<UUID, ConsentState> left = new HashMap<>();
        byKey.values().forEach(facts -> left.putAll(ConsentDerivation.statesLeft(facts)));
        List<Evidence> history = new ArrayList<>();
        Map<String, Notice> notices = new HashMap<>();
        for (ConsentEvent e : events) {
            Notice notice = e.noticeId() == null
                    ? null
                    : notices.computeIfAbsent(e.noticeId().toString(), id -> em.find(Notice.class, id));
            history.add(new Evidence(e, notice, left.get(e.id())));
        }
        return history;
    }

    /**
     * Folds every event again and compares with the projection: the proof that the fast reads tell the truth. It walks
     * the contacts a page at a time (their events and states only), so memory holds one page however large the
     * ledger; it names at most {@link #REPORTED_MISMATCHES} differing keys and counts them all.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ProjectionCheck checkProjection() {
        List<String> mismatches = new ArrayList<>();
        long checked = 0;
        long differences = 0;
        String after = "";
        while (true) {
            List<String> ids = em.createQuery(
                            "SELECT c.id FROM Contact c WHERE c.id > :after ORDER BY c.id", String.class)
                    .setParameter("after", after)
                    .setMaxResults(PROJECTION_PAGE)
                    .getResultList();
            if (ids.isEmpty()) {
                break;
            }
            after = ids.get(ids.size() - 1);
            Map<String, List<ConsentDerivation.Fact>> byKey = new LinkedHashMap<>();
            for (ConsentEvent e : em.createNamedQuery(ConsentEvent.OF_CONTACTS_ORDERED, ConsentEvent.class)
                    .setParameter("ids", ids)
                    .getResultList()) {
                byKey.computeIfAbsent(
                                key(e.contactId().toString(), e.purposeKey(), e.channel()), k -> new ArrayList<>())
                        .add(ConsentDerivation.Fact.of(e));
            }
            Map<String, CurrentConsent> projected = new HashMap<>();
            for (CurrentConsent c : em.createNamedQuery(CurrentConsent.OF_CONTACTS, CurrentConsent.class)
                    .setParameter("ids", ids)
                    .getResultList()) {
                projected.put(key(c.contactId().toString(), c.purposeKey(), c.channel()), c);
            }
            List<String> differing = new ArrayList<>();
            byKey.forEach((key, facts) -> {
                CurrentConsent row = projected.remove(key);
                if (row == null || !row.matches(ConsentDerivation.derive(facts))) {
                    differing.add(key);
                }
            });
            differing.addAll(projected.keySet());
            checked += byKey.size();
            differences += differing.size();
            for (String key : differing) {
                if (mismatches.size() < REPORTED_MISMATCHES) {
                    mismatches.add(key);
                }
            }
            em.clear();
        }
        return new ProjectionCheck(differences == 0, checked, differences, mismatches);
    }

    private Recorded append(ConsentEvent event) {
        return append(event, null);
    }

    private Recorded append(ConsentEvent event, Notice notice) {
        ConsentState was = stateOf(em.find(
                CurrentConsent.class, new CurrentConsent.Key(event.contactId(), event.purposeKey(), event.channel())));
        em.persist(event);
        ConsentDerivation.Outcome outcome = project(event.contactId(), event.purposeKey(), event.channel());
        audit.append(
                "CONSENT_" + event.action().name(),
                "contact",
                event.contactId().toString(),
                Jsons.createObjectBuilder()
                        .add("event", event.id().toString())
                        .add("purpose", event.purposeKey())
                        .add("channel", event.channel().name())
                        .add("source", event.source().name())
                        .add("state", outcome.state().name())
                        .add("was", was.name())
                        .build()
                        .toString());
        return new Recorded(event, notice, outcome.state(), was, event.id().equals(outcome.eventId()));
    }

    /** Folds the key's events and writes the result to its projection row; returns it (null: no state). */
    private ConsentDerivation.Outcome project(UUID contactId, String purposeKey, Channel channel) {
        List<ConsentDerivation.Fact> facts = em
                .createNamedQuery(ConsentEvent.OF_KEY, ConsentEvent.class)
                .setParameter("contact", contactId.toString())
                .setParameter("purpose", purposeKey)
                .setParameter("channel", channel)
                .getResultList()
                .stream()
                .map(ConsentDerivation.Fact::of)
                .toList();
        ConsentDerivation.Outcome outcome = ConsentDerivation.derive(facts);
        if (outcome == null) {
            return null;
        }
        CurrentConsent current = em.find(CurrentConsent.class, new CurrentConsent.Key(contactId, purposeKey, channel));
        if (current == null) {
            current = new CurrentConsent(contactId, purposeKey, channel);
            current.apply(outcome);
            em.persist(current);
        } else {
            current.apply(outcome);
        }
        return outcome;
    }

    /** Keys per transaction when the start-up folds again the keys a migration marked. */
    static final int REDERIVED_PAGE = 200;

    /**
     * Folds again, a page of them in this transaction, the keys a migration marked in {@code consent_rederive} because
     * the derivation changed under their projection rows (V031: the expiries the job wrote before an expiry dropped a
     * double opt-in rather than withdrew it), and unmarks them; returns how many it took. Servers starting together
     * may fold the same key twice: under the contact's lock, each writes the same row.
     */
    public int rederiveMarked() {
        @SuppressWarnings("unchecked")
        List<Object[]> keys = em.createNativeQuery("SELECT contact_id, purpose_key, channel FROM consent_rederive"
                        + " ORDER BY contact_id, purpose_key, channel")
                .setMaxResults(REDERIVED_PAGE)
                .getResultList();
        for (Object[] key : keys) {
            String contactId = ((String) key[0]).strip();
            Channel channel = Channel.valueOf(((String) key[2]).strip());
            if (em.find(Contact.class, contactId, LockModeType.PESSIMISTIC_WRITE) != null) {
                project(UUID.fromString(contactId), (String) key[1], channel);
            }
            em.createNativeQuery(
                            "DELETE FROM consent_rederive WHERE contact_id = ? AND purpose_key = ? AND channel = ?")
                    .setParameter(1, key[0])
                    .setParameter(2, key[1])
                    .setParameter(3, key[2])
                    .executeUpdate();
        }
        return keys.size();
    }

    private long nextArrival(UUID contactId) {
        return lastArrival(contactId) + 1;
    }

    /**
     * The arrival number of the contact's last event (0: none yet): events recorded after this moment have higher ones,
     * whichever server records them (each takes the next under the contact's lock).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long lastArrival(UUID contactId) {
        Long last = em.createNamedQuery(ConsentEvent.LAST_ARRIVAL, Long.class)
                .setParameter("contact", contactId.toString())
                .getSingleResult();
        return last == null ? 0 : last;
    }

    private Contact lockContact(UUID contactId) {
        Contact contact = em.find(Contact.class, contactId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (contact == null) {
            throw new NotFoundException("contact", contactId);
        }
        return contact;
    }

    private void requireContact(UUID contactId) {
        if (em.find(Contact.class, contactId.toString()) == null) {
            throw new NotFoundException("contact", contactId);
        }
    }

    private static String key(String contactId, String purposeKey, Channel channel) {
        return contactId + "/" + purposeKey + "/" + channel;
    }
}
