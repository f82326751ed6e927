package eu.consent.optout;

import eu.consent.audit.AuditLog;
import eu.consent.consent.ConsentEvent;
import eu.consent.consent.ConsentLedger;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.ConsentState;
import eu.consent.consent.ConsentWithdrawn;
import eu.consent.consent.CurrentConsent;
import eu.consent.consent.Proof;
import eu.consent.contact.Contact;
import eu.consent.contact.IdentifiersChanged;
import eu.consent.contact.PostalAddresses;
import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeKind;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import eu.consent.suppression.AddSuppression;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import eu.consent.suppression.SuppressionService;
import eu.consent.suppression.sources.SuppressionSources;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Carries out an opt-out: a WITHDRAW event per affected purpose and an UNSUBSCRIBED suppression on the identifier of
 * the channel, committed before the caller answers. Serialized per contact and idempotent: repeating it (or a hundred
 * concurrent repeats) changes nothing more.
 */
@Service
public class OptOutService {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    ConsentLedger ledger;

    @Inject
    SuppressionService suppressions;

    @Inject
    AuditLog audit;

    @Inject
    KeyedHash keyedHash;

    @Inject
    Clock clock;

    @Inject
    EmailReleases releases;

    /** What an unsubscribe did. */
    public record Result(boolean changed, int withdrawals, boolean suppressed) {}

    /**
     * Unsubscribes the contact from {@code purposeKey} on {@code channel}, or from all prospecting on it when the
     * purpose is null. Feedback given on a repeat (the form after a one-click) is added to the opt-out already made.
     */
    public Result unsubscribe(
            UUID contactId, String purposeKey, Channel channel, ConsentSource source, Proof proof, Feedback feedback) {
        return unsubscribe(contactId, purposeKey, channel, source, proof, feedback, null, null, null);
    }

    /**
     * An unsubscribe from all prospecting on {@code channel} that the person made at {@code saidAt} and that reaches
     * the service later: their mail provider's report. It counts at that moment (the ledger, never later than its
     * arrival): a consent the person gave themselves after it stays (no event is written for it), the entry it adds
     * holds from then, and the same report delivered again changes nothing. Until 2026-12-06 it counted at its arrival, and a provider's retried webhook withdrew the
     * person's newer opt-in (AD-F5).
     */
    public Result unsubscribeAsOf(UUID contactId, Channel channel, ConsentSource source, Instant saidAt) {
        return unsubscribe(contactId, null, channel, source, Proof.NONE, Feedback.NONE, null, null, saidAt);
    }

    /**
     * {@link #unsubscribe(UUID, String, Channel, ConsentSource, Proof, Feedback)} from a link issued at {@code
     * linkIssuedAt}: when the contact has given up since then the address (or number) the link's message went to, that
     * address is unsubscribed too, wherever it is now — a CRM's de-duplication may have moved it to another contact,
     * and the click is the word of whoever reads mail there (RFC 8058). Null: no link. {@code issuedWithin} is the
     * precision the link holds its issue time to: an identifier given or given up within it counts as held then.
     */
    public Result unsubscribe(
            UUID contactId,
            String purposeKey,
            Channel channel,
            ConsentSource source,
            Proof proof,
            Feedback feedback,
            Instant linkIssuedAt,
            java.time.Duration issuedWithin) {
        return unsubscribe(contactId, purposeKey, channel, source, proof, feedback, linkIssuedAt, issuedWithin, null);
    }

    private Result unsubscribe(
            UUID contactId,
            String purposeKey,
            Channel channel,
            ConsentSource source,
            Proof proof,
            Feedback feedback,
            Instant linkIssuedAt,
            java.time.Duration issuedWithin,
            Instant saidAt) {
        // Never later than now: an entry holding from a provider's fast clock would outlast the person's own consent
        // given meanwhile. The ledger keeps the moment as reported (its derivation counts it at its arrival then), so
        // that the same report, delivered again, is recognised.
        Contact contact = em.find(Contact.class, contactId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (contact == null) {
            throw new NotFoundException("contact", contactId);
        }
        // Read once the contact is locked: a grant that committed while this opt-out waited for the lock orders before
        // it (until 2026-12-07 the entry kept the moment of the click's arrival, before that grant: tester BG's F1).
        Instant at = Times.notAfterNow(saidAt, clock);
        List<String> purposes = new ArrayList<>();
        if (purposeKey != null) {
            if (em.find(Purpose.class, purposeKey) == null) {
                throw new InvalidInputException("purpose", "is not a known purpose");
            }
            purposes.add(purposeKey);
        } else {
            purposes.addAll(consentedProspecting(contactId, channel));
        }
        int withdrawals = 0;
        for (String purpose : purposes) {
            if (ledger.withdrawForOptOut(contact, purpose, channel, source, proof, saidAt)
                    .isPresent()) {
                withdrawals++;
            }
        }
        // Push keeps no suppression: leaving all of it objects on each of its purposes, and marks the contact once so
        // that a purpose created later is closed too ({@code ConsentLedger}). The page's "leave everything" does both
        // itself, on every channel.
        boolean leavingPush =
                purposeKey == null && channel.identifier().isEmpty() && source != ConsentSource.PREFERENCE_CENTER;
        int objections = leavingPush ? objectOnEveryPurpose(contact, channel, source, proof) : 0;
        boolean marked = leavingPush && contact.leftEverythingAt() == null;
        if (marked) {
            contact.leaveEverything(Times.now(clock), source.name());
        }
        // A consent withdrawn now was given after the person's earlier "stop" (only their own re-opens one): their
        // entry is dated anew, so that it orders after that consent again and the outbound files send it again.
        boolean again = withdrawals > 0;
        boolean suppressed = suppress(contact, purposeKey, channel, source, at, again);
        if (linkIssuedAt != null) {
            // Not a postal address: a household shares it, and a letter's link used after the person moved would stop
            // the post of whoever lives there now (review 44); a mailbox or a number is one person's.
            suppressed |= channel.identifier()
                    .filter(kind -> kind != IdentifierKind.POSTAL)
                    .flatMap(kind -> releases.givenUpSince(contactId, kind, linkIssuedAt, issuedWithin)
                            .map(hash -> suppress(hash, kind, purposeKey, channel, source, at, again)))
                    .orElse(false);
        }
        // A link used after its identifier was removed (a PATCH to null): the person's word is kept all the same, on
        // the contact, and lands on the identifier they are given next (onIdentifiersChanged). "Leave everything" on
        // the page is kept once, by its channels that have an identifier, and reaches the others there too.
        boolean withoutIdentifier = purposeKey == null
                && source != ConsentSource.PREFERENCE_CENTER
                && channel.identifier()
                        .filter(kind -> !contact.identifierHashes(keyedHash).containsKey(kind))
                        .isPresent()
                && !optedOutOfEverything(contactId, channel);
        boolean changed = withdrawals > 0 || objections > 0 || marked || suppressed || withoutIdentifier;
        if (withoutIdentifier) {
            // Decisions on the channel read this opt-out from the contact while it has no identifier there: the
            // contact's change is what tells every server's projections that its facts moved.
            contact.touch(Times.now(clock));
        }
        if (changed) {
            em.persist(new OptOut(contactId, purposeKey, channel, source, feedback, namedIn(feedback, contact), at));
            JsonObjectBuilder details = Jsons.createObjectBuilder().add("withdrawals", withdrawals);
            if (saidAt != null) {
                // When the person made it, reported since: a late report that the person's newer consent outweighs
                // withdraws nothing (withdrawals 0) and blocks only what they had not consented to since.
                details.add("occurredAt", at.toString());
            }
            auditOptOut(contactId, purposeKey == null ? "*" : purposeKey, channel, source, details);
        } else if (feedback.isGiven()) {
            em.createNamedQuery(OptOut.LATEST_OF, OptOut.class)
                    .setParameter("contact", contactId.toString())
                    .setParameter("channel", channel)
                    .setMaxResults(5)
                    .getResultStream()
                    .filter(o -> Objects.equals(o.purposeKey(), purposeKey))
                    .findFirst()
                    .ifPresent(o -> o.give(feedback, namedIn(feedback, contact)));
        }
        return new Result(changed, withdrawals, suppressed);
    }

    /**
     * The objections of an unsubscribe from all prospecting on a channel no suppression holds (push): the withdrawals
     * alone would leave every purpose the person had not consented to open to a client's grant. Each prospecting
     * purpose of the channel not closed yet gets one, as "unsubscribe from everything" on the preference page does;
     * only the person's own consent re-opens it. Returns how many were written.
     */
    private int objectOnEveryPurpose(Contact contact, Channel channel, ConsentSource source, Proof proof) {
        int objections = 0;
        for (Purpose purpose : em.createNamedQuery(Purpose.ALL, Purpose.class).getResultList()) {
            if (purpose.kind() == PurposeKind.PROSPECTING
                    && purpose.uses(channel)
                    && ledger.objectForOptOut(contact, purpose.key(), channel, source, proof)
                            .isPresent()) {
                objections++;
            }
        }
        return objections;
    }

    /**
     * Logs an opt-out that a WITHDRAW or OBJECT made (through the API, a form, the preference centre's switches, an
     * import), for the statistics; and, but for an import (reported per chunk), records it as an opt-out as the
     * unsubscribe link's are: the {@code OPT_OUT} entry that the opt-out metric and the {@code optout.recorded}
     * webhook follow, so they count what the statistics count.
     */
    void onWithdrawn(@Observes ConsentWithdrawn withdrawn) {
        ConsentEvent e = withdrawn.event();
        // Never later than its receipt, as every other view counts it: a client's clock a few minutes fast put an
        // acknowledged opt-out outside the statistics' default window, and near midnight into the next day (tester
        // BF's F1, until 2026-12-07).
        Instant at = e.occurredAt().isAfter(e.recordedAt()) ? e.recordedAt() : e.occurredAt();
        em.persist(new OptOut(e.contactId(), e.purposeKey(), e.channel(), e.source(), Feedback.NONE, at));
        if (!withdrawn.imported()) {
            auditOptOut(
                    e.contactId(),
                    e.purposeKey(),
                    e.channel(),
                    e.source(),
                    Jsons.createObjectBuilder().add("action", e.action().name()).add("event", e.id().toString()));
        }
    }

    /**
     * A complaint the person made at their mail provider ("this is spam"): the strongest stop, counted as their opt-out
     * from all prospecting on email, as an unsubscribe through the provider is — in the statistics, the opt-out metric
     * and {@code optout.recorded} (reason {@code COMPLAINT}); until 2026-12-06 only its suppression was kept, and the
     * dashboards never showed a complaint.
     */
    public void recordComplaint(UUID contactId, Instant at) {
        // Each prospecting consent on email is withdrawn at the complaint's arrival, as the provider's unsubscribe
        // withdraws them: the consents, the history, the exports and consent.changed then tell what every decision
        // answers (tester BI's F6: until 2026-12-07 they all read GRANTED while decisions denied SUPPRESSED_COMPLAINT).
        Contact contact = em.find(Contact.class, contactId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (contact != null) {
            for (String purpose : consentedProspecting(contactId, Channel.EMAIL)) {
                ledger.withdrawForOptOut(contact, purpose, Channel.EMAIL, ConsentSource.ESP, null);
            }
        }
        em.persist(new OptOut(contactId, null, Channel.EMAIL, ConsentSource.ESP, Feedback.NONE, at));
        auditOptOut(
                contactId,
                "*",
                Channel.EMAIL,
                ConsentSource.ESP,
                Jsons.createObjectBuilder().add("reason", "COMPLAINT"));
    }

    /**
     * A client's suppression ({@code POST /api/v1/suppressions}), as {@link SuppressionService#add} adds it; when it is
     * the person's word — a call centre's UNSUBSCRIBED, a COMPLAINT — newly written, the consents it covers of whoever
     * holds the email address or number are closed at once (the purpose's, or every prospecting one granted on the
     * channel), and it counts as their opt-out (statistics, metric, {@code optout.recorded}): the consents, the history,
     * the exports and the statistics then say what the decisions answer, as for a one-click or a provider's report
     * (tester BJ's F5: until 2026-12-08 they read GRANTED, and the statistics left the stop out). A MANUAL entry is the
     * company's, not the person's, and a postal address is a household's: neither closes anyone's consent.
     */
    public Suppression addForClient(AddSuppression in, String defaultSource) {
        String identifierHash = keyedHash.of(in.identifier());
        // The holders first, then the chain (which add takes): the order of every write of a person.
        List<Contact> holders = suppressions.lockHolders(in.kind(), identifierHash);
        SuppressionService.Written written = suppressions.addWritten(in, defaultSource);
        Suppression entry = written.entry();
        boolean theirWord =
                entry.reason() == SuppressionReason.UNSUBSCRIBED || entry.reason() == SuppressionReason.COMPLAINT;
        if (!theirWord || !written.written()) {
            return entry; // the company's entry, or the same stop again, made by another request: nothing more said
        }
        // An opt-out already on the identifier for as much (a one-click, a provider's complaint, the call centre's own
        // earlier stop): said again, it counts only if it closes a consent (read under the chain's lock, held since
        // add: review 48's M1).
        boolean saidBefore = suppressions.entries(List.of(identifierHash)).stream()
                .anyMatch(s -> !s.id().equals(entry.id())
                        && (s.reason() == SuppressionReason.UNSUBSCRIBED || s.reason() == SuppressionReason.COMPLAINT)
                        && s.channel() == entry.channel()
                        && (s.purposeKey() == null || s.purposeKey().equals(entry.purposeKey()))
                        && !s.createdAt().isAfter(entry.createdAt()));
        boolean added = entry.firstSaidAt().equals(entry.createdAt()) && !saidBefore;
        for (Contact holder : holders) {
            List<String> purposes = entry.purposeKey() != null
                    ? List.of(entry.purposeKey())
                    : consentedProspecting(holder.id(), entry.channel());
            boolean closed = false;
            for (String purpose : purposes) {
                closed |= ledger.withdrawForOptOut(holder, purpose, entry.channel(), ConsentSource.API, null)
                        .isPresent();
            }
            if (!added && !closed) {
                continue; // a stop said again, on consents it had closed: one opt-out, as a repeated one-click is
            }
            em.persist(new OptOut(
                    holder.id(),
                    entry.purposeKey(),
                    entry.channel(),
                    ConsentSource.API,
                    Feedback.NONE,
                    entry.createdAt()));
            auditOptOut(
                    holder.id(),
                    entry.purposeKey() == null ? "*" : entry.purposeKey(),
                    entry.channel(),
                    ConsentSource.API,
                    Jsons.createObjectBuilder()
                            .add("reason", entry.reason().name())
                            .add("suppression", entry.id().toString()));
        }
        return entry;
    }

    /** The prospecting purposes the contact consented to (granted, or waiting for confirmation) on the channel. */
    private List<String> consentedProspecting(UUID contactId, Channel channel) {
        List<String> purposes = new ArrayList<>();
        for (CurrentConsent c : ledger.current(contactId)) {
            if (c.channel() == channel
                    && (c.state() == ConsentState.GRANTED || c.state() == ConsentState.PENDING)
                    && em.find(Purpose.class, c.purposeKey()).kind() == PurposeKind.PROSPECTING) {
                purposes.add(c.purposeKey());
            }
        }
        return purposes;
    }

    /**
     * The {@code OPT_OUT} entry the opt-out metric and the {@code optout.recorded} webhook follow: the purpose
     * ({@code *}: all prospecting), channel and source, and what else {@code more} says of how it was made.
     */
    private void auditOptOut(
            UUID contactId, String purpose, Channel channel, ConsentSource source, JsonObjectBuilder more) {
        audit.append(
                "OPT_OUT",
                "contact",
                contactId.toString(),
                more.add("purpose", purpose)
                        .add("channel", channel.name())
                        .add("source", source.name())
                        .build()
                        .toString());
    }

    private boolean optedOutOfEverything(UUID contactId, Channel channel) {
        return em.createNamedQuery(OptOut.LATEST_OF, OptOut.class)
                .setParameter("contact", contactId.toString())
                .setParameter("channel", channel)
                .getResultStream()
                .anyMatch(o -> o.purposeKey() == null);
    }

    /**
     * What of the person a comment may name, read only when there is a comment: a one-click gives none, and it parses
     * no attributes for nothing.
     */
    private static List<String> namedIn(Feedback feedback, Contact contact) {
        return feedback.comment() == null ? List.of() : PersonInComment.valuesOf(contact);
    }

    /**
     * What named the person before a change of their details stays withheld from the comments they left, and is cut
     * from them at their erasure ({@link OptOut#remember}).
     */
    void onDetailsReplaced(@Observes eu.consent.contact.DetailsReplaced replaced) {
        // Only what the change took away: a change of locale, or of nothing that names them, reads no opt-out.
        List<String> former = new ArrayList<>(PersonInComment.valuesOf(replaced.before()));
        former.removeAll(PersonInComment.valuesOf(replaced.after()));
        if (former.isEmpty()) {
            return;
        }
        em.createNamedQuery(OptOut.OF_CONTACTS, OptOut.class)
                .setParameter("ids", List.of(replaced.contactId().toString()))
                .getResultStream()
                .forEach(o -> o.remember(former));
    }

    /**
     * A person's word follows them to a new email, phone or postal address (a client's PATCH, an import): the opt-outs they made
     * (their unsubscribes, from the links, the pages or their mail provider, and their complaints) on the identifier
     * they had are made on the new one too, and their "unsubscribe from everything" lands on an identifier they had
     * none of then. A bounce belongs to the old address and stays there.
     */
    void onIdentifiersChanged(@Observes IdentifiersChanged change) {
        // Postal addresses too since 2026-12-07: a call centre's "no more letters" followed a direct change of address,
        // but not an address cleared and then given again, and the person was mailed by post (tester AZ's F8).
        for (IdentifierKind kind : IdentifierKind.values()) {
            String before = change.before().get(kind);
            String after = change.after().get(kind);
            if (!Objects.equals(before, after)) {
                Contact contact = em.find(Contact.class, change.contactId().toString());
                releases.changed(change.contactId(), kind, before, after, contact.createdAt(), Times.now(clock));
            }
        }
        List<OptOut> everything = null;
        for (Map.Entry<IdentifierKind, String> now : change.after().entrySet()) {
            IdentifierKind kind = now.getKey();
            String hash = now.getValue();
            String before = change.before().get(kind);
            if (hash.equals(before)) {
                continue;
            }
            List<Suppression> held = new ArrayList<>(suppressions.entries(List.of(hash)));
            // The identifier given up now (a direct change), or, where the contact had none (the CRM cleared it, then
            // filled it: a de-duplication's way), those it held before (tester AX's F4: until 2026-12-07 a call
            // centre's "stop" or a list's line stayed behind, and the person was reachable again).
            for (EmailReleases.Held former : releases.heldBefore(change.contactId(), kind)) {
                if (before != null
                        ? !former.hash().equals(before)
                        : former.hash().equals(hash)) {
                    continue;
                }
                for (Suppression s : suppressions.entries(List.of(former.hash()))) {
                    if (personsWord(s) && theirs(former, s, change.contactId())) {
                        carry(hash, kind, s.channel(), s.purposeKey(), s.reason(), carried(s), s.createdAt(), held);
                    }
                }
            }
            if (everything == null) { // read once, for whichever identifiers changed
                everything = em.createNamedQuery(OptOut.OF_CONTACTS, OptOut.class)
                        .setParameter("ids", List.of(change.contactId().toString()))
                        .getResultStream()
                        .filter(o -> o.purposeKey() == null)
                        .toList();
            }
            for (OptOut o : everything) {
                for (Channel channel : Channel.values()) {
                    if (channel.reachedBy(kind) && OptOut.leavesEverythingOn(o.source(), o.channel(), channel)) {
                        carry(
                                hash,
                                kind,
                                channel,
                                null,
                                SuppressionReason.UNSUBSCRIBED,
                                "person:" + o.source().name(),
                                o.occurredAt(),
                                held);
                    }
                }
            }
        }
    }

    /**
     * A provider list's line, added now, dated while this contact held the identifier they have given up since: their
     * unsubscribe or complaint there reaches them at the identifier they have now, as the provider's event does
     * ({@code EspEventApplier}), carried under the list's name as the provider's word ({@link #carried}), dated as the
     * line. Until 2026-12-06 it stayed on the old identifier (tester AH's F8).
     */
    void onListedWhileHeldBefore(@Observes eu.consent.suppression.sources.ListedWhileHeldBefore listed) {
        Contact contact = em.find(Contact.class, listed.contactId().toString());
        if (contact == null) {
            return;
        }
        IdentifierKind kind = IdentifierKind.valueOf(listed.kind());
        String now =
                switch (kind) {
                    case EMAIL -> contact.emailHash();
                    case PHONE -> contact.phoneHash();
                    default -> null;
                };
        if (now == null || now.equals(listed.identifierHash())) {
            return;
        }
        carry(
                now,
                kind,
                Channel.valueOf(listed.channel()),
                null,
                SuppressionReason.valueOf(listed.reason()),
                "esp:" + listed.source(),
                listed.at(),
                new ArrayList<>(suppressions.entries(List.of(now))));
    }

    /**
     * Whether an entry of an identifier the contact held is their word, to carry: first said ({@link
     * Suppression#firstSaidAt}) while they held it, or before, while no other contact held it (an opt-out a list or a
     * provider kept before the contact had the address, an erased person's who came back: never dropped on a guess).
     * One said while another contact held it (a CRM's typo, corrected; an address recycled) is that contact's, not
     * theirs: until 2026-12-07 it was carried on a direct change, and a contact PATCHed to another's opted-out address
     * and back took that person's unsubscribe home, for good (tester BB's F2).
     */
    private boolean theirs(EmailReleases.Held held, Suppression s, UUID contactId) {
        Instant said = s.firstSaidAt();
        if (!held.covers(said)) {
            return false;
        }
        return !said.isBefore(held.since())
                || releases.heldAt(s.identifierHash(), said)
                        .filter(other -> !other.equals(contactId))
                        .isEmpty();
    }

    /**
     * The person's own opt-outs — an unsubscribe or a complaint, whoever relays it: our links and pages, their mail
     * provider by an event or in its list, or a client of the API (a call centre writing down "stop calling me", which
     * the contract holds the person's as much as a click). Until 2026-12-06 a list's entry stayed on the old address,
     * and until 2026-12-06 an API client's did: a CRM correcting the address made the person mailable again there.
     */
    private static boolean personsWord(Suppression s) {
        return s.reason() == SuppressionReason.UNSUBSCRIBED || s.reason() == SuppressionReason.COMPLAINT;
    }

    /**
     * The source an entry is carried under: its own, but for a list's, which the list's next snapshot would take away
     * from an address the provider never listed — it goes as the provider's word, {@code esp:list:<name>}, which no
     * snapshot manages and whose outbound files give the provider the new address.
     */
    private static String carried(Suppression s) {
        return s.source().startsWith(SuppressionSources.PREFIX) ? "esp:" + s.source() : s.source();
    }

    private void carry(
            String hash,
            IdentifierKind kind,
            Channel channel,
            String purposeKey,
            SuppressionReason reason,
            String source,
            Instant since,
            List<Suppression> held) {
        boolean present = held.stream().anyMatch(s -> s.isAskedBy(channel, purposeKey, reason, source));
        if (!present) {
            held.add(suppressions.suppress(hash, kind, channel, purposeKey, reason, source, held, since));
        }
    }

    /** The UNSUBSCRIBED entry on the identifier this channel reaches, if the contact has one; true if added now. */
    private boolean suppress(
            Contact contact, String purposeKey, Channel channel, ConsentSource source, Instant at, boolean again) {
        IdentifierKind kind = channel.identifier().orElse(null);
        if (kind == null) {
            return false;
        }
        String hash =
                switch (kind) {
                    case EMAIL -> contact.emailHash();
                    case PHONE -> contact.phoneHash();
                    // The envelope is kept as a keyed hash too: the objection outlives an erasure and a new postal
                    // purpose.
                    case POSTAL ->
                        contact.postalAddress() == null
                                ? null
                                : keyedHash.of(PostalAddresses.normalize(contact.postalAddress()));
                };
        if (hash == null) {
            return false;
        }
        return suppress(hash, kind, purposeKey, channel, source, at, again);
    }

    /**
     * The person's UNSUBSCRIBED entry on one identifier, unless they have it already; whether it was added. It holds
     * from {@code at}, when they said it. One they have is dated anew from {@code at} when {@code again} (their "stop"
     * after a consent they gave since it: tester AH's F3, until 2026-12-06 it kept its first date, older than that
     * consent, and the outbound files never sent the second "stop"); a mere repeat leaves it as it is.
     */
    private boolean suppress(
            String hash,
            IdentifierKind kind,
            String purposeKey,
            Channel channel,
            ConsentSource source,
            Instant at,
            boolean again) {
        List<Suppression> entries = suppressions.entries(List.of(hash));
        // An external list's identical entry does not hold the person's word: the list's next snapshot may drop it.
        Optional<Suppression> present = entries.stream()
                .filter(s -> s.reason() == SuppressionReason.UNSUBSCRIBED
                        && s.channel() == channel
                        && Objects.equals(s.purposeKey(), purposeKey)
                        && !SuppressionSources.owns(s))
                .findFirst();
        if (present.isPresent()) {
            if (again && at.isAfter(present.get().createdAt())) {
                suppressions.suppress(
                        hash,
                        kind,
                        channel,
                        purposeKey,
                        SuppressionReason.UNSUBSCRIBED,
                        present.get().source(),
                        entries,
                        at);
            }
            return false;
        }
        Suppression entry = suppressions.suppress(
                hash,
                kind,
                channel,
                purposeKey,
                SuppressionReason.UNSUBSCRIBED,
                "person:" + source.name(),
                entries,
                at);
        return entry != null;
    }
}
