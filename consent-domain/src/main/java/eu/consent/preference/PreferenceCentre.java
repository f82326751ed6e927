package eu.consent.preference;

import eu.consent.audit.AuditLog;
import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentLedger;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.ConsentState;
import eu.consent.consent.CurrentConsent;
import eu.consent.consent.Proof;
import eu.consent.consent.RecordConsent;
import eu.consent.consent.Recorded;
import eu.consent.contact.ActivityType;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.eligibility.DecisionService;
import eu.consent.eligibility.FrequencyCap;
import eu.consent.eligibility.Recipient;
import eu.consent.eligibility.Rule;
import eu.consent.optout.Feedback;
import eu.consent.optout.OptOutService;
import eu.consent.purpose.Channel;
import eu.consent.purpose.Notice;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeKey;
import eu.consent.purpose.PurposeKind;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.ConflictException;
import eu.consent.shared.Jsons;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The preference centre's domain side: what the person receives (per prospecting purpose and channel), their caps and
 * pause, and saving their choices as consent events with proof (source PREFERENCE_CENTER) through the ledger, so that
 * the projection, the audit and the suppression rules apply exactly as for the API.
 */
@Service
public class PreferenceCentre {

    private static final Set<Rule> BLOCKED = Set.of(
            Rule.SUPPRESSED_HARD_BOUNCE, Rule.SUPPRESSED_COMPLAINT, Rule.SUPPRESSED_MANUAL, Rule.PHONE_DNC_LISTED);

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    ConsentLedger ledger;

    @Inject
    PreferenceService preferences;

    @Inject
    OptOutService optOuts;

    @Inject
    DecisionService decisions;

    @Inject
    ContactService contacts;

    @Inject
    PurposeService purposes;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * One channel of a prospecting purpose: received or not, waiting for confirmation, blocked by a suppression, closed
     * by the person (withdrawn, objected, unsubscribed: switching it back on is confirmed by mail first), and, when it
     * is on without the person's consent, the rule that allows it ({@code POSTAL_OPT_OUT_REGIME}, {@code SOFT_OPT_IN}…).
     * {@code unconfirmable}: a grant waits for a confirmation that can no longer be given (it was mailed to an address
     * the person has given up since, or they opted out after asking): shown off, so that switching it on again mails
     * a confirmation that can be.
     */
    public record Switch(
            Channel channel,
            boolean on,
            boolean pending,
            boolean blocked,
            boolean closed,
            Optional<Rule> withoutConsent,
            boolean unconfirmable) {}

    /** A prospecting purpose as the page shows it, with the notice a person switching it on agrees to. */
    public record Topic(Purpose purpose, List<Switch> switches, Optional<FrequencyCap> cap, Optional<Notice> notice) {}

    /**
     * The whole page: prospecting topics, service purposes (always sent), the pause, whether the person has an email
     * address to confirm a re-opening with (without one, what they closed stays closed on this page), and the
     * preferred channels (empty: none chosen, every channel is fine). {@code through}: the arrival number of the
     * person's last ledger event when the page was read (0: none), which its form carries back so that a save can tell
     * exactly what was recorded since, whatever the servers' clocks say.
     */
    public record Overview(
            List<Topic> topics,
            List<Purpose> services,
            Instant pausedUntil,
            boolean canConfirm,
            Set<Channel> preferredChannels,
            long through) {

        /** The channels the page's topics use, in order: those the person can say they prefer. */
        public List<Channel> channels() {
            return topics.stream()
                    .flatMap(t -> t.switches().stream())
                    .map(Switch::channel)
                    .distinct()
                    .sorted()
                    .toList();
        }
    }

    /**
     * What the person asked for, about what the page showed them: {@code shown} maps each (purpose, channel) pair on
     * the page, written {@code key:CHANNEL}, to whether it was shown as received; {@code receive} holds the pairs to
     * receive; the notice id shown per purpose; a cap per prospecting purpose (empty: no cap; a purpose left out keeps
     * its cap); the pause (null: none), or, {@code pauseKept}, whatever pause holds when the save runs (the form left
     * it as shown). A pair that was not on the page is never touched. {@code shownAt}, when the page was shown (null:
     * not known, a form of before 2026-12-07): a switch the person changed whose consent changed since is refused;
     * {@code shownThrough}, the page's {@link Overview#through} when its form carried it (null: a form of before
     * 2026-12-07, judged by {@code shownAt}). {@code preferredChannels}: those ticked among the channels the
     * page offered ({@code offeredChannels}, its {@link Overview#channels()}), null when the form did not hold them.
     */
    public record Choices(
            Map<String, Boolean> shown,
            Set<String> receive,
            Set<String> turnedOff,
            Map<String, String> notices,
            Map<String, Optional<FrequencyCap>> caps,
            Instant pausedUntil,
            Set<Channel> preferredChannels,
            List<Channel> offeredChannels,
            boolean pauseKept,
            Instant shownAt,
            Long shownThrough) {}

    /**
     * What saving did: {@code confirmations} counts the grants that wait for the person's confirmation by mail (what
     * they had closed and switched back on), {@code grants} those in force at once.
     */
    public record Saved(
            int grants,
            int confirmations,
            int withdrawals,
            int objections,
            boolean preferencesChanged,
            Set<String> stale) {
        public Saved(int grants, int confirmations, int withdrawals, int objections, boolean preferencesChanged) {
            this(grants, confirmations, withdrawals, objections, preferencesChanged, Set.of());
        }

        public boolean changedAnything() {
            return grants + confirmations + withdrawals + objections > 0 || preferencesChanged;
        }
    }

    /**
     * The page of a contact, with the notices in {@code language} where there are (else English, else any): first
     * the purposes the person receives, then those they could subscribe to; a purpose they neither receive nor could
     * subscribe to (no notice to agree to) is left out.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Overview overview(UUID contactId, String language) {
        // Read first: an event recorded while the page is read counts as after it, never as seen.
        long through = ledger.lastArrival(contactId);
        Contact contact = contacts.get(contactId);
        Preferences prefs = preferences.get(contactId);
        Map<String, CurrentConsent> current = current(contactId);
        List<Topic> topics = new ArrayList<>();
        List<Topic> offers = new ArrayList<>();
        List<Purpose> services = new ArrayList<>();
        Recipient me = Recipient.of(Recipient.Kind.CONTACT_ID, contactId.toString());
        for (Purpose purpose : allPurposes()) {
            if (purpose.kind() == PurposeKind.SERVICE) {
                services.add(purpose);
                continue;
            }
            List<Switch> switches = new ArrayList<>();
            for (Channel channel : offered(contact, purpose, current)) {
                ConsentState state = stateOf(current, purpose, channel);
                Rule rule = rule(me, purpose, channel);
                boolean blocked = BLOCKED.contains(rule);
                boolean unconfirmable = unconfirmable(current, purpose, channel);
                // A grant waiting for its confirmation shows as on (and waiting) even under the unsubscribe it will
                // lift once confirmed: ticking it again would only send another mail. One whose confirmation can no
                // longer be given shows as off: "check your inbox" pointed at a mailbox the person left, and the page
                // offered no way to ask again (until 2026-12-06).
                boolean pending = state == ConsentState.PENDING && !blocked && !unconfirmable;
                boolean on = pending
                        || (!unconfirmable
                                && receives(contact, purpose, channel, state)
                                && !blocked
                                && rule != Rule.SUPPRESSED_UNSUBSCRIBED
                                && rule != Rule.SUPPRESSED_ERASED);
                boolean closed = !on && isClosed(state, rule);
                Optional<Rule> without = on && state == ConsentState.NONE
                        ? decisions.withoutConsent(contact, purpose, channel)
                        : Optional.empty();
                switches.add(new Switch(channel, on, pending, blocked, closed, without, unconfirmable && !blocked));
            }
            Optional<Notice> notice = noticeFor(purpose, language);
            boolean received = switches.stream().anyMatch(Switch::on);
            if (received || notice.isPresent()) {
                Topic topic = new Topic(
                        purpose, switches, Optional.ofNullable(prefs.caps().get(purpose.key())), notice);
                (received ? topics : offers).add(topic);
            }
        }
        topics.addAll(offers);
        return new Overview(topics, services, prefs.pausedUntil(), contact.email() != null, prefs.channels(), through);
    }

    /** Whether the pair's grant waits for a confirmation the person can no longer give. */
    private boolean unconfirmable(Map<String, CurrentConsent> current, Purpose purpose, Channel channel) {
        CurrentConsent c = current.get(purpose.key() + ":" + channel.name());
        return c != null && c.state() == ConsentState.PENDING && !ledger.stillWaiting(c.eventId());
    }

    /**
     * What the person closed: a withdrawal, an objection, an unsubscribe (from this purpose or from everything), or the
     * mark an erasure keeps of an objection they made before (which, since it no longer yields to a grant for another
     * purpose, would otherwise lock every other switch of a person who came back; it re-opens by the confirmation).
     */
    private static boolean isClosed(ConsentState state, Rule rule) {
        return state == ConsentState.WITHDRAWN
                || state == ConsentState.OBJECTED
                || rule == Rule.SUPPRESSED_UNSUBSCRIBED
                || rule == Rule.SUPPRESSED_ERASED;
    }

    private Rule rule(Recipient me, Purpose purpose, Channel channel) {
        return decisions
                .decide(new DecisionService.Question(purpose, channel), List.of(me))
                .get(0)
                .decision()
                .rule();
    }

    /**
     * Saves the person's choices in one transaction: a GRANT (with the notice shown) for each pair switched on, a
     * WITHDRAW (or, where no consent was needed, an OBJECT) for each switched off, then caps and pause. A notice that
     * is no longer the current one of its purpose refuses the whole save (the person must read the new wording).
     *
     * <p>A pair the person had closed (withdrawn, objected, unsubscribed) and switches back on is not re-opened by the
     * page: its GRANT waits for the confirmation mailed to them (the double opt-in path), because whoever holds the
     * link — a forwarded message, a scanner, a system minting links — could otherwise re-subscribe them. Without an
     * email address to confirm with, such a pair stays closed. Closing is immediate.
     */
    public Saved save(UUID contactId, Choices choices, Proof proof) {
        Contact contact = lock(contactId);
        Map<String, CurrentConsent> current = current(contactId);
        Recipient me = Recipient.of(Recipient.Kind.CONTACT_ID, contactId.toString());
        Map<String, Boolean> closedSince = closedSince(contactId, choices);
        Set<String> stale = new java.util.TreeSet<>();
        List<RecordConsent> events = new ArrayList<>();
        List<RecordConsent> toConfirm = new ArrayList<>();
        List<RecordConsent> doubleOptIns = new ArrayList<>();
        int grants = 0;
        int withdrawals = 0;
        int objections = 0;
        for (Purpose purpose : allPurposes()) {
            if (purpose.kind() != PurposeKind.PROSPECTING) {
                continue;
            }
            Boolean noticeCurrent = null; // read once per purpose, however many channels are switched on
            for (Channel channel : offered(contact, purpose, current)) {
                String pair = purpose.key() + ":" + channel.name();
                if (!choices.shown().containsKey(pair)) {
                    continue;
                }
                ConsentState state = stateOf(current, purpose, channel);
                boolean was = choices.shown().get(pair);
                boolean wants = choices.receive().contains(pair);
                if (wants && !was) {
                    if (state == ConsentState.PENDING && !unconfirmable(current, purpose, channel)) {
                        // A grant waits for its confirmation already: this form was read before another save
                        // committed it (a double submit, forms sent at once). A plain GRANT here would derive GRANTED
                        // and re-open, unconfirmed, what the person had closed (until 2026-12-05 it did).
                        continue;
                    }
                    // A grant whose confirmation can no longer be given goes by mail again, whatever the purpose:
                    // it may re-open what the person closed, which no link holder may make GRANTED at once.
                    boolean reopening = state == ConsentState.PENDING || isClosed(state, rule(me, purpose, channel));
                    if (reopening && contact.email() == null) {
                        continue;
                    }
                    String notice = choices.notices().get(purpose.key());
                    if (notice != null && noticeCurrent == null) {
                        noticeCurrent = isCurrentNotice(purpose, notice);
                    }
                    if (notice == null || !noticeCurrent) {
                        throw new ConflictException(
                                "the wording of " + purpose.key() + " changed; read it again",
                                Map.of("purpose", purpose.key()));
                    }
                    RecordConsent grant = event(contactId, purpose, channel, ConsentAction.GRANT, notice, proof);
                    if (reopening) {
                        toConfirm.add(grant);
                    } else if (purpose.requiresDoubleOptIn()) {
                        // Mailed for confirmation all the same: the page says so, as for a re-opening.
                        doubleOptIns.add(grant);
                    } else {
                        events.add(grant);
                        grants++;
                    }
                } else if (!wants
                        && !was
                        && choices.turnedOff().contains(pair)
                        && (state == ConsentState.WITHDRAWN || state == ConsentState.OBJECTED)) {
                    if (Boolean.TRUE.equals(closedSince.get(pair))) {
                        // Closed since the page was shown by the person's own page, and closed still (this very
                        // form sent twice, a double click): off already, as they ask; nothing more to save (tester
                        // AV's F5: until 2026-12-07 the second post answered 409 "changed since … not saved").
                        continue;
                    }
                    // Closed by someone else since the page was shown (a client's withdrawal): the person's own "off"
                    // is recorded all the same, their word in the history, so that a grant of theirs dated before it
                    // and received later does not re-open the pair (tester AX's F2: until 2026-12-07 it answered
                    // saved=0 and recorded nothing).
                    events.add(event(
                            contactId,
                            purpose,
                            channel,
                            state == ConsentState.OBJECTED ? ConsentAction.OBJECT : ConsentAction.WITHDRAW,
                            null,
                            proof));
                    if (state == ConsentState.OBJECTED) {
                        objections++;
                    } else {
                        withdrawals++;
                    }
                } else if (!wants
                        && !was
                        && choices.turnedOff().contains(pair)
                        && (state == ConsentState.GRANTED || state == ConsentState.PENDING)
                        && !closedSince.containsKey(pair)) {
                    // The person turned off a switch their page showed on, shown off now only because a block came
                    // since (an admin's MANUAL entry, a complaint) or their confirmation was clicked meanwhile: their
                    // "no" is recorded all the same, or it would last only as long as somebody else's block (tester
                    // BH's F6 and F7: until 2026-12-07 the page answered "Nothing to save" and the consent stood).
                    events.add(event(contactId, purpose, channel, ConsentAction.WITHDRAW, null, proof));
                    withdrawals++;
                } else if (!wants && was) {
                    if (Boolean.TRUE.equals(closedSince.get(pair))
                            && (state == ConsentState.WITHDRAWN || state == ConsentState.OBJECTED)) {
                        // The same double click, its page read before the first post committed: as above.
                        continue;
                    }
                    if (closedSince.containsKey(pair)) {
                        // Closed since the page was shown, and on again now: the person's "off" is older than that
                        // newer "on" (their own earlier save of this very page sent again, then a consent by phone).
                        // Left as it stands, and the page shows it (tester AJ's F3: until 2026-12-07 it was withdrawn
                        // in their name). The rest of the post is saved: no other opt-out waits on this one.
                        stale.add(purpose.key());
                        continue;
                    }
                    boolean consented = state == ConsentState.GRANTED || state == ConsentState.PENDING;
                    events.add(event(
                            contactId,
                            purpose,
                            channel,
                            consented ? ConsentAction.WITHDRAW : ConsentAction.OBJECT,
                            null,
                            proof));
                    if (consented) {
                        withdrawals++;
                    } else {
                        objections++;
                    }
                }
            }
        }
        int mailed = 0;
        for (RecordConsent event : events) {
            // A switch on that the ledger found closed since this page read it (a stop committed meanwhile) waits for
            // the mailed confirmation: the page says so.
            Recorded recorded = ledger.record(event);
            if (event.action() == ConsentAction.GRANT && recorded.state() == ConsentState.PENDING) {
                grants--;
                mailed++;
            }
        }
        doubleOptIns.forEach(ledger::record);
        toConfirm.forEach(ledger::recordToConfirm);
        boolean preferencesChanged = savePreferences(contactId, choices);
        Saved saved = new Saved(
                grants,
                toConfirm.size() + doubleOptIns.size() + mailed,
                withdrawals,
                objections,
                preferencesChanged,
                stale);
        if (!preferencesChanged && saved.changedAnything()) {
            contacts.recordActivity(contactId, ActivityType.PREFERENCE_CHANGE, Times.now(clock));
        }
        if (saved.changedAnything()) {
            audit.append(
                    "PREFERENCE_CENTER_SAVED",
                    "contact",
                    contactId.toString(),
                    Jsons.createObjectBuilder()
                            .add("grants", grants)
                            .add("confirmationsRequested", toConfirm.size())
                            .add("withdrawals", withdrawals)
                            .add("objections", objections)
                            .add("preferences", preferencesChanged)
                            .build()
                            .toString());
        }
        return saved;
    }

    /**
     * "Unsubscribe from everything": the opt-out of the unsubscribe link on every channel (withdrawals and an
     * UNSUBSCRIBED suppression of each identifier, the feedback kept once), then an OBJECT wherever prospecting
     * would still reach the person without consent (B2B email, post, phone), and on every channel no suppression can
     * hold (push), so that nothing prospecting remains and no client's grant re-opens it. The contact keeps the moment,
     * so that a purpose created later, or a channel added to one, is closed on push too ({@code ConsentLedger}).
     */
    public Saved leaveEverything(UUID contactId, Proof proof, Feedback feedback) {
        Contact contact = lock(contactId);
        contact.leaveEverything(Times.now(clock), ConsentSource.PREFERENCE_CENTER.name());
        int withdrawals = 0;
        boolean feedbackGiven = false;
        for (Channel channel : Channel.values()) {
            boolean reachable = isReachable(contact, channel);
            Feedback given = reachable && !feedbackGiven ? feedback : Feedback.NONE;
            feedbackGiven |= reachable;
            withdrawals += optOuts.unsubscribe(contactId, null, channel, ConsentSource.PREFERENCE_CENTER, proof, given)
                    .withdrawals();
        }
        Map<String, CurrentConsent> current = current(contactId);
        int objections = 0;
        for (Purpose purpose : allPurposes()) {
            if (purpose.kind() != PurposeKind.PROSPECTING) {
                continue;
            }
            for (Channel channel : reachable(contact, purpose)) {
                ConsentState state = stateOf(current, purpose, channel);
                // A channel reached without an identifier (push) keeps no suppression: its OBJECT is what holds the
                // opt-out against a client's later grant.
                if (state != ConsentState.WITHDRAWN
                        && state != ConsentState.OBJECTED
                        && (receives(contact, purpose, channel, state)
                                || channel.identifier().isEmpty())) {
                    ledger.record(event(contactId, purpose, channel, ConsentAction.OBJECT, null, proof));
                    objections++;
                }
            }
        }
        return new Saved(0, 0, withdrawals, objections, false);
    }

    /**
     * The pairs ({@code key:CHANNEL}) closed (withdrawn, objected to) since the page was shown, each with whether the
     * person's own page closed it then (a post of this page): a switch the page showed on there and that is on again
     * now was re-opened after a "no" newer than the page. Since 2026-12-07 "since" is the ledger's own order (events
     * whose arrival number follows the page's {@code shownThrough}), exact on a cluster; a form without it is judged by
     * the time the events were recorded against {@code shownAt}, which two servers' clocks a few milliseconds apart
     * could misjudge (review 38b point 4).
     */
    private Map<String, Boolean> closedSince(UUID contactId, Choices choices) {
        if (choices.shownThrough() == null && choices.shownAt() == null) {
            return Map.of();
        }
        Map<String, Boolean> pairs = new HashMap<>();
        boolean exact = choices.shownThrough() != null;
        em.createQuery(
                        "SELECT e.purposeKey, e.channel, e.source FROM ConsentEvent e WHERE e.contactId = :contact"
                                + (exact ? " AND e.arrival > :shown" : " AND e.recordedAt > :shown")
                                + " AND e.action IN :closing",
                        Object[].class)
                .setParameter("contact", contactId.toString())
                .setParameter("shown", exact ? choices.shownThrough() : choices.shownAt())
                .setParameter("closing", List.of(ConsentAction.WITHDRAW, ConsentAction.OBJECT))
                .getResultList()
                .forEach(row -> pairs.merge(
                        row[0] + ":" + ((Channel) row[1]).name(),
                        row[2] == ConsentSource.PREFERENCE_CENTER,
                        Boolean::logicalOr));
        return pairs;
    }

    private boolean savePreferences(UUID contactId, Choices choices) {
        Preferences prefs = preferences.get(contactId);
        Map<String, FrequencyCap> caps = new LinkedHashMap<>(prefs.caps());
        choices.caps().forEach((purpose, cap) -> {
            if (cap.isPresent()) {
                caps.put(purpose, cap.get());
            } else {
                caps.remove(purpose);
            }
        });
        Set<Channel> channels =
                preferredChannels(prefs.channels(), choices.preferredChannels(), choices.offeredChannels());
        // Read under the contact's lock: a pause set by a call centre while the form was read is kept too.
        Instant pause = choices.pauseKept() ? prefs.pausedUntil() : choices.pausedUntil();
        if (caps.equals(prefs.caps())
                && Objects.equals(pause, prefs.pausedUntil())
                && channels.equals(prefs.channels())) {
            return false;
        }
        Map<PurposeKey, FrequencyCap> typed = new LinkedHashMap<>();
        caps.forEach((purpose, cap) -> typed.put(new PurposeKey(purpose), cap));
        preferences.replace(contactId, new ReplacePreferences(typed, channels, pause), true);
        return true;
    }

    /**
     * The preferred channels after the page's post: those ticked among the channels it {@code offered}, and, of the
     * ones it did not offer (no address for them, no topic on them), what was preferred before. Every offered channel
     * ticked where none was preferred keeps "none chosen" (every channel fine, those to come too); the form not
     * holding them ({@code ticked} null), or none of them ticked (which the page refuses: "none chosen" would mean
     * every channel), changes nothing.
     */
    private static final Set<Channel> CARRIED_WHEN_NONE_CHOSEN =
            EnumSet.complementOf(EnumSet.of(Channel.POSTAL, Channel.PHONE));

    static Set<Channel> preferredChannels(Set<Channel> before, Set<Channel> ticked, List<Channel> offered) {
        if (ticked == null || ticked.stream().noneMatch(offered::contains)) {
            return before;
        }
        if (before.isEmpty() && ticked.containsAll(offered)) {
            return before;
        }
        Set<Channel> after = EnumSet.noneOf(Channel.class);
        // A channel the page did not offer keeps its choice: preferred or not, and, where none was chosen (every
        // channel fine), fine still if nothing prospecting comes on it without the person's own consent (until
        // 2026-12-07 it was dropped, and an SMS consent given by phone once a number was added was refused as not
        // preferred: tester AJ's F1). Post and calls, which need none (the person objects), are not carried: adding an
        // address or a number must not start them for someone who narrowed their channels.
        (before.isEmpty() ? CARRIED_WHEN_NONE_CHOSEN : before)
                .stream().filter(c -> !offered.contains(c)).forEach(after::add);
        ticked.stream().filter(offered::contains).forEach(after::add);
        return after.containsAll(EnumSet.allOf(Channel.class)) ? EnumSet.noneOf(Channel.class) : after;
    }

    /** Whether the pair reaches the person now, suppressions aside: a consent, or a regime that needs none. */
    private boolean receives(Contact contact, Purpose purpose, Channel channel, ConsentState state) {
        return switch (state) {
            case GRANTED, PENDING -> true;
            case NONE -> decisions.reachesWithoutConsent(contact, purpose, channel);
            default -> false;
        };
    }

    /**
     * The channels of a purpose the page offers: those the contact can be reached on, and those where a consent stands
     * (granted, or waiting for its confirmation) though they cannot be now — an address removed since — so that the
     * person sees it and can withdraw it; until 2026-12-07 such a consent was hidden from them, and came back to life
     * with the address (tester AU's F3).
     */
    private static List<Channel> offered(Contact contact, Purpose purpose, Map<String, CurrentConsent> current) {
        return purpose.channels().stream()
                .filter(c -> isReachable(contact, c) || stands(stateOf(current, purpose, c)))
                .sorted()
                .toList();
    }

    private static boolean stands(ConsentState state) {
        return state == ConsentState.GRANTED || state == ConsentState.PENDING;
    }

    /** The channels of a purpose the contact can be reached on (an address for email, a number for SMS and phone). */
    static List<Channel> reachable(Contact contact, Purpose purpose) {
        return purpose.channels().stream()
                .filter(c -> isReachable(contact, c))
                .sorted()
                .toList();
    }

    private static boolean isReachable(Contact contact, Channel channel) {
        return contact.reaches(channel);
    }

    /**
     * The notice shown for a purpose: the latest version in the page's language, else in English, else in the first
     * locale that has one.
     */
    Optional<Notice> noticeFor(Purpose purpose, String language) {
        List<Notice> latest = latestNotices(purpose);
        for (String wanted : new String[] {language, "en"}) {
            Optional<Notice> match = latest.stream()
                    .filter(n -> n.locale().equals(wanted) || n.locale().startsWith(wanted + "-"))
                    .findFirst();
            if (match.isPresent()) {
                return match;
            }
        }
        return latest.stream().findFirst();
    }

    private boolean isCurrentNotice(Purpose purpose, String noticeId) {
        return latestNotices(purpose).stream().anyMatch(n -> n.id().toString().equals(noticeId));
    }

    /** The latest version of each locale's notice, exact language tags first (fr before fr-CA). */
    private List<Notice> latestNotices(Purpose purpose) {
        Map<String, Notice> byLocale = new HashMap<>();
        for (Notice n : purposes.notices(purpose.key(), 1000, null).items()) {
            byLocale.merge(n.locale(), n, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return byLocale.values().stream()
                .sorted((a, b) -> a.locale().length() != b.locale().length()
                        ? Integer.compare(a.locale().length(), b.locale().length())
                        : a.locale().compareTo(b.locale()))
                .toList();
    }

    /** The purposes in use: a retired one is no longer offered nor changed here (its history stays in the ledger). */
    private List<Purpose> allPurposes() {
        return purposes.all().stream().filter(p -> !p.isRetired()).toList();
    }

    private Map<String, CurrentConsent> current(UUID contactId) {
        Map<String, CurrentConsent> byKey = new HashMap<>();
        for (CurrentConsent c : ledger.current(contactId)) {
            byKey.put(c.purposeKey() + ":" + c.channel().name(), c);
        }
        return byKey;
    }

    private static ConsentState stateOf(Map<String, CurrentConsent> current, Purpose purpose, Channel channel) {
        CurrentConsent c = current.get(purpose.key() + ":" + channel.name());
        return c == null ? ConsentState.NONE : c.state();
    }

    private static RecordConsent event(
            UUID contactId, Purpose purpose, Channel channel, ConsentAction action, String noticeId, Proof proof) {
        return new RecordConsent(
                contactId,
                PurposeKey.of(purpose),
                channel,
                action,
                ConsentSource.PREFERENCE_CENTER,
                noticeId == null ? null : UUID.fromString(noticeId),
                proof,
                null);
    }

    private Contact lock(UUID contactId) {
        Contact contact = em.find(Contact.class, contactId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (contact == null) {
            throw new NotFoundException("contact", contactId);
        }
        return contact;
    }
}
