package eu.consent.preference;

import eu.consent.audit.AuditLog;
import eu.consent.contact.ActivityType;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.eligibility.FrequencyCap;
import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import eu.consent.shared.Violations;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads and replaces preferences (audited, counted as activity) and records reported sends. */
@Service
public class PreferenceService {

    /** The largest frequency cap a person or a client may set (the preference page uses it too). */
    public static final int MAX_CAP = 1000;

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
     * Replaces the preferences from the API: a PREFERENCE_CHANGE activity kept as evidence, and an audit entry listing
     * what changed. An integrating system saving them is not the person's act: the retention clock does not move.
     */
    public Preferences replace(UUID contactId, PreferencesInput in) {
        return replace(contactId, in, false);
    }

    /**
     * Replaces the preferences; {@code byThePerson} when the person saved them (the preference page), which moves
     * {@code lastActiveAt} (DESIGN.md: a preference saved on the page is an act of the person).
     */
    public Preferences replace(UUID contactId, PreferencesInput in, boolean byThePerson) {
        Violations v = new Violations();
        Map<String, FrequencyCap> caps = new LinkedHashMap<>();
        if (in.frequency() != null) {
            in.frequency().forEach((purpose, cap) -> {
                String field = "frequency." + purpose;
                if (em.find(Purpose.class, purpose) == null) {
                    v.add(field, "is not a known purpose");
                }
                if (cap == null) {
                    v.add(field, "must be {\"max\":N,\"per\":\"DAY|WEEK|MONTH\"}");
                    return;
                }
                if (cap.max() == null || cap.max() < 1 || cap.max() > MAX_CAP) {
                    v.add(field + ".max", "must be a whole number from 1 to " + MAX_CAP);
                }
                FrequencyCap.Per per =
                        v.enumValue(field + ".per", v.require(field + ".per", cap.per()), FrequencyCap.Per.class);
                if (cap.max() != null && per != null) {
                    caps.put(purpose, new FrequencyCap(cap.max(), per));
                }
            });
        }
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (in.channels() != null) {
            for (String name : in.channels()) {
                Channel c = v.enumValue("channels", name == null ? "null" : name, Channel.class);
                if (c != null) {
                    channels.add(c);
                }
            }
        }
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
                Json.createObjectBuilder()
                        .add("caps", caps.size())
                        .add("channels", channels.size())
                        .add(
                                "paused",
                                in.pausedUntil() != null && in.pausedUntil().isAfter(now))
                        .build()
                        .toString());
        return p;
    }

    /** Records reported sends; the batch is checked whole first (a bad send refuses the batch). */
    public int recordSends(List<SendInput> sends) {
        if (sends == null || sends.isEmpty()) {
            throw new InvalidInputException("body", "must be a non-empty array of sends");
        }
        Violations v = new Violations();
        List<Send> valid = new ArrayList<>();
        Instant latest = Times.now(clock).plus(Times.CLOCK_SKEW);
        for (int i = 0; i < sends.size(); i++) {
            SendInput s = sends.get(i);
            String at = "[" + i + "].";
            if (s == null) {
                v.add("[" + i + "]", "must be a send object");
                continue;
            }
            UUID contactId = null;
            try {
                contactId = UUID.fromString(v.require(at + "contactId", s.contactId()));
            } catch (IllegalArgumentException | NullPointerException e) {
                v.add(at + "contactId", "must be the id of a contact");
            }
            if (contactId != null && em.find(Contact.class, contactId.toString()) == null) {
                v.add(at + "contactId", "is not a known contact");
            }
            String purpose = v.require(at + "purpose", s.purpose());
            if (purpose != null && em.find(Purpose.class, purpose) == null) {
                v.add(at + "purpose", "is not a known purpose");
            }
            Channel channel = v.enumValue(at + "channel", v.require(at + "channel", s.channel()), Channel.class);
            Instant sentAt = v.require(at + "sentAt", s.sentAt());
            if (sentAt != null && sentAt.isAfter(latest)) {
                v.add(at + "sentAt", "must not be in the future");
            }
            if (contactId != null && purpose != null && channel != null && sentAt != null) {
                valid.add(new Send(contactId, purpose, channel, sentAt));
            }
        }
        v.throwIfAny();
        valid.forEach(em::persist);
        return valid.size();
    }
}
