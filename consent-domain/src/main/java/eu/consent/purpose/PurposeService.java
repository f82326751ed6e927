package eu.consent.purpose;

import eu.consent.audit.AuditLog;
import eu.consent.shared.ConflictException;
import eu.consent.shared.Cursor;
import eu.consent.shared.Jsons;
import eu.consent.shared.LanguageTags;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Page;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import eu.consent.shared.Violations;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Defines purposes and publishes their notices. */
@Service
public class PurposeService {

    private static final Pattern KEY = Pattern.compile("[a-z0-9-]{2,64}");
    private static final int MAX_NAME = 200;

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** The answer on a field naming a purpose that no one defined. */
    public static final String UNKNOWN_PURPOSE = "is not a known purpose";

    /** Why a purpose key is refused; the request checks it, the console's form and the API alike. */
    public static final String KEY_RULE = "must match [a-z0-9-]{2,64}";

    /** Whether {@code key} may name a new purpose. */
    public static boolean isWellFormedKey(String key) {
        return KEY.matcher(key).matches();
    }

    /** Defines a purpose; a key already taken is a conflict. */
    public Purpose create(CreatePurpose in) {
        String key = in.key().value();
        Violations v = new Violations();
        if (!isWellFormedKey(key)) {
            v.add("key", KEY_RULE);
        }
        String names = names(in.names(), v);
        v.throwIfAny();
        if (em.find(Purpose.class, key) != null) {
            throw new ConflictException("purpose " + key + " already exists");
        }
        Purpose purpose = new Purpose(
                key,
                in.kind(),
                EnumSet.copyOf(in.channels()),
                in.doubleOptIn(),
                in.similarToPurchases(),
                names,
                Times.now(clock));
        em.persist(purpose);
        audit.append(
                "PURPOSE_CREATED",
                "purpose",
                key,
                Jsons.createObjectBuilder()
                        .add("kind", in.kind().name())
                        .build()
                        .toString());
        return purpose;
    }

    /** Renames and/or retires (or reinstates) a purpose; its history stays whatever is changed. */
    public Purpose change(String key, PurposeChange change) {
        Purpose purpose = key == null ? null : em.find(Purpose.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (purpose == null) {
            throw new NotFoundException("purpose", key);
        }
        JsonObjectBuilder details = Jsons.createObjectBuilder();
        if (change.names() != null) {
            Violations v = new Violations();
            Map<String, String> merged = new java.util.TreeMap<>();
            Jsons.createReader(new java.io.StringReader(purpose.namesJson()))
                    .readObject()
                    .forEach((locale, name) -> merged.put(locale, ((jakarta.json.JsonString) name).getString()));
            change.names().forEach((locale, name) -> {
                String tag = LanguageTags.normalize(locale, "names." + locale, v);
                if (tag != null && name == null) {
                    merged.remove(tag);
                } else if (tag != null) {
                    merged.put(tag, name);
                }
            });
            String names = names(merged, v);
            v.throwIfAny();
            purpose.rename(names);
            details.add("names", names);
        }
        if (Boolean.TRUE.equals(change.retired()) && !purpose.isRetired()) {
            purpose.retire(Times.now(clock));
            details.add("retired", true);
        } else if (Boolean.FALSE.equals(change.retired()) && purpose.isRetired()) {
            purpose.reinstate();
            details.add("retired", false);
        }
        audit.append("PURPOSE_CHANGED", "purpose", key, details.build().toString());
        return purpose;
    }

    /** Checks a purpose's names per locale as {@link #create} does, so that a request lists their errors in place. */
    public static void checkNames(Map<String, String> names, Violations v) {
        names(names, v);
    }

    private static String names(Map<String, String> names, Violations v) {
        if (names == null || names.isEmpty()) {
            v.add("names", "must give the purpose's name in at least one locale");
            return null;
        }
        JsonObjectBuilder json = Jsons.createObjectBuilder();
        names.forEach((locale, name) -> {
            String tag = LanguageTags.normalize(locale, "names." + locale, v);
            if (name == null || name.isBlank() || name.length() > MAX_NAME) {
                v.add("names." + locale, "must be 1 to " + MAX_NAME + " characters");
            } else if (name.chars().anyMatch(Character::isISOControl)) {
                // A name is a line: it heads pages and is a mail's subject, where a line break would start a header
                // (tester AO: until 2026-12-07 "AO\r\nBcc: …" was taken).
                v.add("names." + locale, "must be one line, without control characters");
            } else if (tag != null) {
                json.add(tag, name.strip());
            }
        });
        return json.build().toString();
    }

    /** Whether a purpose, retired or not, has this key. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean exists(String key) {
        return key != null && em.find(Purpose.class, key) != null;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Purpose get(String key) {
        Purpose purpose = key == null ? null : em.find(Purpose.class, key);
        if (purpose == null) {
            throw new NotFoundException("purpose", key);
        }
        return purpose;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Purpose> list(int limit, String after) {
        // the last purpose of a page: purposes are retired, never deleted, so it is always still there
        String from = Cursor.decode(
                "purposes", after, key -> KEY.matcher(key).matches() && em.find(Purpose.class, key) != null);
        return Page.of(
                "purposes",
                em.createNamedQuery(Purpose.PAGE, Purpose.class)
                        .setParameter("after", from == null ? "" : from)
                        .setMaxResults(limit + 1)
                        .getResultList(),
                limit,
                Purpose::key);
    }

    /** Every purpose, retired ones too, by key: what a person's page and an export must show whole, however many. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Purpose> all() {
        return em.createNamedQuery(Purpose.ALL, Purpose.class).getResultList();
    }

    /** Publishes the next version of the notice of {@code purposeKey} in the command's locale. */
    public Notice addNotice(String purposeKey, PublishNotice in) {
        String locale = in.locale();
        String text = in.text();
        // Locking the purpose serializes version numbering per purpose; the unique key is the backstop.
        Purpose purpose = em.find(Purpose.class, purposeKey, LockModeType.PESSIMISTIC_WRITE);
        if (purpose == null) {
            throw new NotFoundException("purpose", purposeKey);
        }
        Integer latest = em.createNamedQuery(Notice.LATEST_VERSION, Integer.class)
                .setParameter("purpose", purposeKey)
                .setParameter("locale", locale)
                .getSingleResult();
        Notice notice = new Notice(purposeKey, locale, latest == null ? 1 : latest + 1, text, Times.now(clock));
        em.persist(notice);
        audit.append(
                "NOTICE_PUBLISHED",
                "purpose",
                purposeKey,
                Jsons.createObjectBuilder()
                        .add("notice", notice.id().toString())
                        .add("locale", locale)
                        .add("version", notice.version())
                        .add("sha256", notice.sha256())
                        .build()
                        .toString());
        return notice;
    }

    /** The notice {@code id} of {@code purposeKey}; a notice of another purpose is not found here. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Notice notice(String purposeKey, String id) {
        return em.createNamedQuery(Notice.BY_ID_OF_PURPOSE, Notice.class)
                .setParameter("id", id)
                .setParameter("purpose", purposeKey)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("notice", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Notice> notices(String purposeKey, int limit, String after) {
        get(purposeKey);
        String list = "purposes/" + purposeKey + "/notices";
        String from = Cursor.decode(list, after);
        String locale = "";
        int version = 0;
        if (from != null) {
            int bar = from.lastIndexOf('|');
            try {
                locale = from.substring(0, bar);
                version = Integer.parseInt(from.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new eu.consent.shared.InvalidInputException("after", "is not a cursor returned by this list");
            }
        }
        return Page.of(
                list,
                em.createNamedQuery(Notice.PAGE, Notice.class)
                        .setParameter("purpose", purposeKey)
                        .setParameter("locale", locale)
                        .setParameter("version", version)
                        .setMaxResults(limit + 1)
                        .getResultList(),
                limit,
                n -> n.locale() + "|" + n.version());
    }
}
