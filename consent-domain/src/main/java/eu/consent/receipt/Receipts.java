package eu.consent.receipt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentDerivation;
import eu.consent.consent.ConsentEvent;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.ConsentState;
import eu.consent.consent.PersonsOwnAct;
import eu.consent.consent.Proof;
import eu.consent.contact.Contact;
import eu.consent.eligibility.Policies;
import eu.consent.purpose.Notice;
import eu.consent.shared.Jsons;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Service;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs the receipt of a consent event. The payload is derived from the event and its notice, so the same event yields
 * the same payload, but for the jurisdiction: the policy that governs the contact when asked (their country, the active
 * policies), and the proof's keyed hash once {@code consent.hash.secret} is changed. The signature is made when asked, with the
 * current signing key, and verifies against {@code /.well-known/jwks.json} for as long as that key is published.
 *
 * <p>The payload carries the ISO/IEC TS 27560 consent record fields under the names the contract fixes
 * ({@code recordId}, {@code subject} — our contact id, never an email —, {@code purpose}, {@code notice}, {@code
 * channel}, {@code action}, {@code basis}, {@code source}, {@code timestamp}, {@code jurisdiction}), plus the
 * controller, the DPV consent status and a keyed hash of the proof (the proof itself stays with us: it is personal
 * data; until 2026-12-06 a plain SHA-256, so a receipt issued before then carries another proofHash for the same event).
 */
@Service
public class Receipts {

    /** The media type of a compact JWS (RFC 7515). */
    public static final String MEDIA_TYPE = "application/jose";

    static final String PROFILE = "https://w3id.org/dpv/guides/consent-27560";

    private static final Logger LOG = Logger.getLogger(Receipts.class.getName());
    private static final String DEVELOPMENT_KID = "dev-receipts-1";

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    eu.consent.shared.KeyedHash keyedHash;

    @Inject
    @ConfigProperty(name = "consent.receipt.keys")
    String keyRing;

    @Inject
    @ConfigProperty(name = "consent.brand.name", defaultValue = "Consent service")
    String controller;

    @Inject
    Policies policies;

    private ReceiptKeys keys;

    @PostConstruct
    void load() {
        keys = ReceiptKeys.parse(keyRing);
        if (DEVELOPMENT_KID.equals(keys.signingKeyId())) {
            LOG.warning("consent receipts are signed with the published development key (consent.receipt.keys):"
                    + " set a key of your own in production");
        }
    }

    /** The public keys, as JSON (RFC 7517 JWK set). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String publicKeys() {
        return keys.publicJson();
    }

    /** The compact JWS of an event's receipt; an unknown (or erased) event is a 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String signed(UUID eventId) {
        ConsentEvent event = em.find(ConsentEvent.class, eventId.toString());
        if (event == null) {
            throw new NotFoundException("consent event", eventId);
        }
        return sign(payload(event, History.of(eventsOf(event.contactId().toString()))));
    }

    /** A signed receipt and the event it stands for. */
    public record Signed(UUID eventId, String receipt) {}

    /** The receipt of every consent event of a contact, oldest first (for the access export). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Signed> allOf(UUID contactId) {
        List<Signed> all = new ArrayList<>();
        History history = History.of(eventsOf(contactId.toString()));
        for (ConsentEvent e : history.events()) {
            all.add(new Signed(e.id(), sign(payload(e, history))));
        }
        return all;
    }

    /** The events of a contact that were the person's own acts, newest first: the receipts offered to them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ConsentEvent> personsOwn(UUID contactId) {
        List<ConsentEvent> own = new ArrayList<>();
        for (ConsentEvent e : eventsOf(contactId.toString())) {
            // An imported event counts by how it was first collected: a withdrawal the person wrote on paper, typed in
            // by a shop, is their own choice (tester BI's F3: until 2026-12-07 the page left it out).
            ConsentSource how = e.source() == ConsentSource.IMPORT && e.origin() != null ? e.origin() : e.source();
            if (PersonsOwnAct.PERSON_FACING.contains(how)) {
                own.add(0, e);
            }
        }
        return own;
    }

    /**
     * A contact's events in the order they count, with the state each left its purpose and channel in as the ledger
     * stood when the event was recorded: read once per contact, however many receipts are signed from them. A receipt
     * says what was known when its event was written, so an event yields the same receipt whatever arrives later: until
     * 2026-12-07 a withdrawal received later but dated earlier turned a signed "given" into "withdrawn" for the same
     * record, the person's own confirmation included (tester AQ's F1); the history (`…/consents/history`) still lists
     * each event with the state it leaves as everything now stands.
     */
    record History(List<ConsentEvent> events, Map<UUID, ConsentState> left) {

        static History of(List<ConsentEvent> events) {
            Map<String, List<ConsentEvent>> pairs = new HashMap<>();
            for (ConsentEvent e : events) {
                pairs.computeIfAbsent(e.purposeKey() + '|' + e.channel(), k -> new ArrayList<>())
                        .add(e);
            }
            Map<UUID, ConsentState> left = new HashMap<>();
            for (List<ConsentEvent> pair : pairs.values()) {
                for (ConsentEvent e : pair) {
                    List<ConsentDerivation.Fact> known = pair.stream()
                            .filter(other -> other.arrival() <= e.arrival())
                            .map(ConsentDerivation.Fact::of)
                            .toList();
                    left.put(e.id(), ConsentDerivation.statesLeft(known).getOrDefault(e.id(), ConsentState.NONE));
                }
            }
            return new History(events, left);
        }

        /** The state the event left its purpose and channel in when it was recorded. */
        ConsentState leftBy(ConsentEvent e) {
            return left.getOrDefault(e.id(), ConsentState.NONE);
        }

        /** The events recorded up to {@code e}, in the order they count. */
        List<ConsentEvent> knownAt(ConsentEvent e) {
            return events.stream()
                    .filter(other -> other.arrival() <= e.arrival())
                    .toList();
        }
    }

    /** The receipt's claims, from the contact's {@code history}. */
    String payload(ConsentEvent e, History history) {
        Contact contact = em.find(Contact.class, e.contactId().toString());
        Notice notice = noticeOf(e, history.knownAt(e));
        JsonObjectBuilder p = Jsons.createObjectBuilder()
                .add("profile", PROFILE)
                .add("recordId", e.id().toString())
                .add("controller", Jsons.createObjectBuilder().add("name", controller))
                .add("subject", e.contactId().toString())
                .add("purpose", e.purposeKey());
        if (notice == null) {
            p.addNull("notice");
        } else {
            p.add(
                    "notice",
                    Jsons.createObjectBuilder()
                            .add("id", notice.id().toString())
                            .add("version", notice.version())
                            .add("locale", notice.locale())
                            .add("sha256", notice.sha256()));
        }
        ConsentState left = history.leftBy(e);
        p.add("channel", e.channel().name())
                .add("action", e.action().name())
                .add("status", status(e.action(), e.needsConfirmation(), e.pendingExpiry(), left))
                .add("state", left.name())
                .add("basis", e.basis().name())
                .add("source", e.source().name())
                // The moment the event counts at, as decisions and the history order it: a client's occurredAt ahead of
                // the receipt would sign a grant as later than a withdrawal received after it. The claim stays beside.
                .add("timestamp", e.countsAt().toString())
                .add("occurredAt", e.occurredAt().toString())
                .add("recordedAt", e.recordedAt().toString())
                .add(
                        "jurisdiction",
                        policies.forCountry(contact == null ? null : contact.country())
                                .name());
        String proof = proofHash(e.proof());
        if (proof == null) {
            p.addNull("proofHash");
        } else {
            p.add("proofHash", proof);
        }
        return p.build().toString();
    }

    /**
     * The notice the event refers to: its own, or, for a withdrawal or objection (which name none), the notice of the
     * latest grant before it on the same purpose and channel — what the person is taking back.
     */
    /** A contact's events in the order they count, as the history lists them ({@link ConsentDerivation#COUNTED}). */
    private List<ConsentEvent> eventsOf(String contactId) {
        List<ConsentEvent> events = new ArrayList<>(em.createNamedQuery(ConsentEvent.OF_CONTACT, ConsentEvent.class)
                .setParameter("contact", contactId)
                .getResultList());
        events.sort(ConsentDerivation.COUNTED);
        return events;
    }

    private Notice noticeOf(ConsentEvent e, List<ConsentEvent> events) {
        UUID noticeId = e.noticeId();
        if (noticeId == null && (e.action() == ConsentAction.WITHDRAW || e.action() == ConsentAction.OBJECT)) {
            for (ConsentEvent earlier : events) {
                if (earlier.id().equals(e.id())) {
                    break;
                }
                if (earlier.purposeKey().equals(e.purposeKey())
                        && earlier.channel() == e.channel()
                        && earlier.noticeId() != null) {
                    noticeId = earlier.noticeId();
                }
            }
        }
        return noticeId == null ? null : em.find(Notice.class, noticeId.toString());
    }

    /**
     * The status of a double opt-in's expiry: the request lapsed unanswered. It is recorded as a WITHDRAW by ADMIN (the
     * contract's actions), but nobody withdrew: {@code dpv:ConsentWithdrawn} would put a withdrawal in the person's
     * mouth.
     */
    static final String EXPIRED = "dpv:ConsentExpired";

    static String status(ConsentAction action, boolean needsConfirmation, boolean pendingExpiry) {
        return pendingExpiry ? EXPIRED : status(action, needsConfirmation);
    }

    /**
     * The status, but for a grant (or a confirmation) that changed nothing because the person had opted out (a
     * client's grant after their unsubscribe, kept in the history as WITHDRAWN): it says the status it left, not
     * {@code dpv:ConsentGiven}, which contradicted the ledger, dated after the person's withdrawal (until 2026-12-06).
     */
    static String status(ConsentAction action, boolean needsConfirmation, boolean pendingExpiry, ConsentState left) {
        if ((action == ConsentAction.GRANT || action == ConsentAction.CONFIRM) && !pendingExpiry) {
            if (left == ConsentState.WITHDRAWN) {
                return "dpv:ConsentWithdrawn";
            }
            if (left == ConsentState.OBJECTED) {
                return "dpv:ConsentRefused";
            }
            // A client's grant while the person's re-opening waits for its click changes nothing: still asked for,
            // not given (until 2026-12-06 its receipt signed dpv:ConsentGiven for a pair that was PENDING).
            if (action == ConsentAction.GRANT && left == ConsentState.PENDING) {
                return status(ConsentAction.GRANT, true);
            }
        }
        return status(action, needsConfirmation, pendingExpiry);
    }

    /**
     * The DPV consent status the event leads to (dpv:ConsentStatus). A grant waiting for its double opt-in is consent
     * asked for, not given: it is given by the confirmation, whose own receipt says so. Both are facts of the event,
     * so a grant's receipt stays the same once it is confirmed.
     */
    static String status(ConsentAction action, boolean needsConfirmation) {
        return switch (action) {
            case GRANT -> needsConfirmation ? "dpv:ConsentRequested" : "dpv:ConsentGiven";
            case CONFIRM -> "dpv:ConsentGiven";
            case WITHDRAW -> "dpv:ConsentWithdrawn";
            case OBJECT -> "dpv:ConsentRefused";
        };
    }

    /**
     * A keyed hash (HMAC-SHA256 with the service's secret) of the proof's fields, so that a receipt commits to the proof
     * without disclosing it: the service recomputes it from the history's proof. Until 2026-12-06 it was a plain
     * SHA-256, and an IP was found again by trying addresses with the form's URL and a common browser (AE-F5).
     */
    String proofHash(Proof proof) {
        if (proof == null || proof.equals(Proof.NONE)) {
            return null;
        }
        return keyedHash.of("receipt-proof:"
                + Jsons.createArrayBuilder()
                        .add(text(proof.ip()))
                        .add(text(proof.userAgent()))
                        .add(text(proof.formUrl()))
                        .add(text(proof.agentId()))
                        .add(text(proof.scriptRef()))
                        .build()
                        .toString());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private String sign(String payload) {
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(keys.algorithm())
                        .keyID(keys.signingKeyId())
                        .type(JOSEObjectType.JOSE)
                        .contentType("application/json")
                        .build(),
                new Payload(payload));
        try {
            jws.sign(keys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a receipt failed", e);
        }
        return jws.serialize();
    }
}
