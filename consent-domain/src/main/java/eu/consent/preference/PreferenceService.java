package eu.consent.preference;

import eu.consent.audit.AuditLog;
import eu.consent.contact.ActivityType;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.eligibility.FrequencyCap;
import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import eu.consent.shared.Violations;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads and changes preferences (audited, counted as activity) and records reported sends. */
@Service
public class PreferenceService {

    /** The largest frequency cap a person or a client may set (the preference page uses it too). */
    public static final int MAX_CAP = 1000;

    /** Why an empty batch of sends is refused. */
    public static final String EMPTY_SENDS = "must be a non-empty array of sends";

    /** The answer on a send's {@code contactId} when no contact has that id. */
    public static final String UNKNOWN_CONTACT = "is not a known contact";

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    ContactService contacts;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** A contact's preferences, or the defaults (no cap, no preferred channel, no pause). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Preferences get(UUID contactId) {
        contacts.get(contactId);
        Preferences p = em.find(Preferences.class, contactId.toString());
        if (p == null) {
            p = new Preferences(contactId);
            p.replace(Map.of(), Set.of(), null, null);
        }
        return p;
    }

    /**
     * Changes the preferences from the API: the members sent replace the current ones, the others are kept, under the
     * contact's lock so that two changes of different members both hold. A change is audited and kept as a
     * PREFERENCE_CHANGE activity; an integrating system saving them is not the person's act, so the retention clock
     * does not move. A change that changes nothing writes, audits and counts nothing (as a contact's merge patch).
     */
    public Preferences change(UUID contactId, ChangePreferences change) {
        if (em.find(Contact.class, contactId.toString(), LockModeType.PESSIMISTIC_WRITE) == null) {
            throw new NotFoundException("contact", contactId);
        }
        Preferences current = get(contactId);
        ReplacePreferences whole = change.applyTo(current);
        if (ChangePreferences.unchanged(current, whole)) {
            return current;
        }
        return replace(contactId, whole, false);
    }

    /**
     * Replaces the preferences; {@code byThePerson} when the person saved them (the preference page), which moves
     * {@code lastActiveAt} (DESIGN.md: a preference saved on the page is an act of the person).
     */
    public Preferences replace(UUID contactId, ReplacePreferences in, boolean byThePerson) {
        Violations v = new Violations();
        Map<String, FrequencyCap> caps = new LinkedHashMap<>();
        Preferences stored = em.find(Preferences.class, contactId.toString());
        Map<String, FrequencyCap> before = stored == null ? Map.of() : stored.caps();
        in.caps().forEach((purpose, cap) -> {
            Purpose capped = em.find(Purpose.class, purpose.value());
            if (capped == null) {
                v.add("frequency." + purpose, PurposeService.UNKNOWN_PURPOSE);
            } else if (capped.kind() == eu.consent.purpose.PurposeKind.SERVICE
                    && !cap.equals(before.get(purpose.value()))) {
                // a cap no decision would read: service messages follow the contract (tester BJ's F3: until
                // 2026-12-08 it was stored, read back, and never applied); one stored before stays as it was
                v.add(
                        "frequency." + purpose,
                        "is a service purpose: its messages follow the person's relationship, and caps apply to"
                                + " prospecting only");
            }
            caps.put(purpose.value(), cap);
        });
        Set<Channel> channels = in.channels();
        v.throwIfAny();
        Contact contact = em.find(Contact.class, contactId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (contact == null) {
            throw new NotFoundException("contact", contactId);
        }
        Instant now = Times.now(clock);
        Preferences p = em.find(Preferences.class, contactId.toString());
        if (p == null) {
            p = new Preferences(contactId);
            p.replace(caps, channels, in.pausedUntil(), now);
            em.persist(p);
        } else {
            p.replace(caps, channels, in.pausedUntil(), now);
        }
        if (byThePerson) {
            contacts.recordActivity(contactId, ActivityType.PREFERENCE_CHANGE, now);
        } else {
            contacts.recordSystemActivity(contactId, ActivityType.PREFERENCE_CHANGE);
        }
        audit.append(
                "PREFERENCES_CHANGED",
                "contact",
                contactId.toString(),
                Jsons.createObjectBuilder()
                        .add("caps", caps.size())
                        .add("channels", channels.size())
                        .add(
                                "paused",
                                in.pausedUntil() != null && in.pausedUntil().isAfter(now))
                        .add("set", preferencesAsSet(caps, channels, in.pausedUntil()))
                        .build()
                        .toString());
        return p;
    }

    /**
     * Records reported sends, all or none: a send naming a contact or a purpose that does not exist, or a channel its
     * purpose does not use, refuses the batch, every such send listed.
     */
    public int recordSends(List<RecordSend> sends) {
        if (sends.isEmpty()) {
            throw new InvalidInputException("body", EMPTY_SENDS);
        }
        Violations v = new Violations();
        // The people first, locked in the order of their ids, then the rows and the audit (whose chain the writes
        // take):
        // the order a grant or an opt-out of the same person takes. Read without the lock, a send report racing the
        // person's sign-up deadlocked on Derby a quarter of the time, and a one-click of theirs at that moment with it
        // (tester BH's F8 and F10, until 2026-12-07).
        java.util.Set<String> known = new java.util.HashSet<>();
        sends.stream().map(s -> s.contactId().toString()).distinct().sorted().forEach(id -> {
            if (em.find(Contact.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE) != null) {
                known.add(id);
            }
        });
        for (int i = 0; i < sends.size(); i++) {
            RecordSend s = sends.get(i);
            if (!known.contains(s.contactId().toString())) {
                v.add("[" + i + "].contactId", UNKNOWN_CONTACT);
            }
            Purpose purpose = em.find(Purpose.class, s.purpose().value());
            if (purpose == null) {
                v.add("[" + i + "].purpose", PurposeService.UNKNOWN_PURPOSE);
            } else if (!purpose.channels().contains(s.channel())) {
                // As decisions and consents refuse the pair: a send no decision could have allowed counted against the
                // person's cap (tester AI's F5, until 2026-12-07).
                v.add("[" + i + "].channel", "is not a channel of purpose " + purpose.key() + " " + purpose.channels());
            }
        }
        v.throwIfAny();
        sends.forEach(s -> em.persist(new Send(s.contactId(), s.purpose().value(), s.channel(), s.sentAt())));
        auditSends(sends);
        return sends.size();
    }

    /**
     * One entry for the batch, in the reporter's name, listing each person it is about (the audit's filter by contact
     * finds it): the sends reported count against frequency caps, so a DPO reading why someone was refused
     * {@code FREQUENCY_CAP} finds who reported what, and when.
     */
    private void auditSends(List<RecordSend> sends) {
        java.util.Map<String, Integer> byPurpose = new java.util.TreeMap<>();
        java.util.Map<String, Integer> byChannel = new java.util.TreeMap<>();
        sends.forEach(s -> {
            byPurpose.merge(s.purpose().value(), 1, Integer::sum);
            byChannel.merge(s.channel().name(), 1, Integer::sum);
        });
        var purposes = Jsons.createObjectBuilder();
        byPurpose.forEach(purposes::add);
        var channels = Jsons.createObjectBuilder();
        byChannel.forEach(channels::add);
        audit.appendAboutContacts(
                "SENDS_REPORTED",
                sends.stream().map(s -> s.contactId().toString()).distinct().toList(),
                Jsons.createObjectBuilder()
                        .add("sends", sends.size())
                        .add("purposes", purposes)
                        .add("channels", channels)
                        .build());
    }

    /**
     * The preferences as set, for the audit: the caps per purpose, the preferred channels and the pause's end, which the
     * PAUSED, CHANNEL_NOT_PREFERRED and FREQUENCY_CAP rules read; no identifier. Kept so that a past decision can be
     * proven (tester BI's F4: until 2026-12-07 the entry held only counts, and a pause's end was lost once changed).
     */
    private static jakarta.json.JsonObject preferencesAsSet(
            Map<String, FrequencyCap> caps, Set<Channel> channels, Instant pausedUntil) {
        jakarta.json.JsonObjectBuilder capsJson = Jsons.createObjectBuilder();
        new java.util.TreeMap<>(caps)
                .forEach((purpose, cap) -> capsJson.add(
                        purpose,
                        Jsons.createObjectBuilder()
                                .add("max", cap.max())
                                .add("per", cap.per().name())));
        jakarta.json.JsonArrayBuilder channelsJson = Jsons.createArrayBuilder();
        channels.stream().map(Channel::name).sorted().forEach(channelsJson::add);
        jakarta.json.JsonObjectBuilder set =
                Jsons.createObjectBuilder().add("frequency", capsJson).add("channels", channelsJson);
        return (pausedUntil == null ? set.addNull("pausedUntil") : set.add("pausedUntil", pausedUntil.toString()))
                .build();
    }
}
