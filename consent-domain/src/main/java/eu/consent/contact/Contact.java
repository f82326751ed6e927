package eu.consent.contact;

import eu.consent.purpose.IdentifierKind;
import eu.consent.shared.KeyedHash;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A person we may contact. Identified by a random UUID (never sequential: ids travel in links); email and phone are
 * stored normalized and each belongs to one contact only.
 */
@Entity
@Table(name = ContactTable.TABLE)
@NamedQuery(name = Contact.BY_EMAIL, query = "SELECT c FROM Contact c WHERE c.email = :email")
@NamedQuery(name = Contact.BY_PHONE, query = "SELECT c FROM Contact c WHERE c.phone = :phone")
// One indexed column each: Derby answers "emailHash = :hash OR phoneHash = :hash" by reading every contact.
@NamedQuery(name = Contact.BY_EMAIL_HASH, query = "SELECT c FROM Contact c WHERE c.emailHash = :hash")
@NamedQuery(name = Contact.BY_PHONE_HASH, query = "SELECT c FROM Contact c WHERE c.phoneHash = :hash")
public class Contact {

    public static final String BY_EMAIL = "Contact.byEmail";
    public static final String BY_PHONE = "Contact.byPhone";
    public static final String BY_EMAIL_HASH = "Contact.byEmailHash";
    public static final String BY_PHONE_HASH = "Contact.byPhoneHash";

    @Id
    @Column(length = 36)
    private String id;

    private String email;
    private String phone;

    /** Keyed hashes of email and phone: how suppressions (which hold only hashes) find the contact. */
    @Column(name = ContactTable.EMAIL_HASH)
    private String emailHash;

    @Column(name = ContactTable.PHONE_HASH)
    private String phoneHash;

    @Column(name = "postal_lines")
    private String postalLines;

    @Column(name = "postal_postcode")
    private String postalPostcode;

    @Column(name = "postal_city")
    private String postalCity;

    @Column(name = "postal_country")
    private String postalCountry;

    private String locale;
    private String country;

    @Enumerated(EnumType.STRING)
    private Audience audience;

    private boolean customer;

    @Column(name = ContactTable.EXTERNAL_ID)
    private String externalId;

    private String attributes;

    @Column(name = ContactTable.CREATED_AT)
    private Instant createdAt;

    @Column(name = ContactTable.UPDATED_AT)
    private Instant updatedAt;

    @Column(name = ContactTable.LAST_ACTIVE_AT)
    private Instant lastActiveAt;

    @Column(name = ContactTable.LEFT_EVERYTHING_AT)
    private Instant leftEverythingAt;

    @Column(name = ContactTable.LEFT_EVERYTHING_SOURCE)
    private String leftEverythingSource;

    @Version
    private int version;

    protected Contact() {}

    public Contact(ContactDetails details, KeyedHash hash, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.createdAt = Objects.requireNonNull(now);
        apply(details, hash, now);
    }

    /** Replaces every detail; identity, creation time and activity are not details and stay. */
    public void update(ContactDetails details, KeyedHash hash, Instant now) {
        apply(details, hash, now);
    }

    private void apply(ContactDetails d, KeyedHash hash, Instant now) {
        this.email = d.email();
        this.phone = d.phone();
        this.emailHash = d.email() == null ? null : hash.of(d.email());
        this.phoneHash = d.phone() == null ? null : hash.of(d.phone());
        PostalAddress postal = d.postalAddress();
        this.postalLines = postal == null ? null : String.join("\n", postal.lines());
        this.postalPostcode = postal == null ? null : postal.postcode();
        this.postalCity = postal == null ? null : postal.city();
        this.postalCountry = postal == null ? null : postal.country();
        this.locale = d.locale();
        this.country = d.country();
        this.audience = Objects.requireNonNull(d.audience());
        this.customer = d.customer();
        this.externalId = d.externalId();
        this.attributes = d.attributesJson();
        this.updatedAt = now;
    }

    /**
     * Records that the person showed a sign of life at {@code occurredAt}. Only active types count, and an old
     * activity reported late never moves {@code lastActiveAt} backward.
     *
     * @return whether {@code lastActiveAt} moved
     */
    public boolean recordActivity(ActivityType type, Instant occurredAt) {
        if (!type.isActive() || !movesLastAct(lastActiveAt, occurredAt)) {
            return false;
        }
        lastActiveAt = occurredAt;
        return true;
    }

    /**
     * The retention clock's one rule, for the entity and for bulk writers alike: an act of the person moves
     * {@code lastActiveAt} forward only, never back (an old act reported late changes nothing).
     */
    public static boolean movesLastAct(Instant lastActiveAt, Instant act) {
        return act != null && (lastActiveAt == null || act.isAfter(lastActiveAt));
    }

    /**
     * Records an act of the person that is not an activity report: a consent given or confirmed by them with proof.
     * Like an active activity, it moves {@code lastActiveAt} forward only.
     */
    public void recordOwnAct(Instant at) {
        if (movesLastAct(lastActiveAt, at)) {
            lastActiveAt = at;
        }
    }

    /**
     * Records that the person left all prospecting at {@code at}: "unsubscribe from everything" on the preference page,
     * or an unsubscribe link for all prospecting on push. It holds on the purposes and channels that come after it too
     * where no suppression can hold them (push, {@link #leftEverythingAt}). {@code source} names the consent source of
     * that act (a {@code ConsentSource} by name: the contact cannot name that type without a package cycle), so that the
     * objection later made in its name says where the person said it.
     */
    public void leaveEverything(Instant at, String source) {
        leftEverythingAt = at;
        leftEverythingSource = Objects.requireNonNull(source);
    }

    /** Marks the record changed at {@code now} by something kept beside it (an opt-out made while it had no identifier). */
    public void touch(Instant now) {
        updatedAt = now;
    }

    /** When the person last left all prospecting (see {@link #leaveEverything}); null if they never did. */
    public Instant leftEverythingAt() {
        return leftEverythingAt;
    }

    /** The source they left by, by name; null if they never left, or left before it was kept (the preference page). */
    public String leftEverythingSource() {
        return leftEverythingSource;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }

    public String emailHash() {
        return emailHash;
    }

    public String phoneHash() {
        return phoneHash;
    }

    /** The keyed hash of each identifier the contact has, by kind (the postal address normalized first). */
    public Map<IdentifierKind, String> identifierHashes(KeyedHash hash) {
        Map<IdentifierKind, String> hashes = new EnumMap<>(IdentifierKind.class);
        if (emailHash != null) {
            hashes.put(IdentifierKind.EMAIL, emailHash);
        }
        if (phoneHash != null) {
            hashes.put(IdentifierKind.PHONE, phoneHash);
        }
        PostalAddress postal = postalAddress();
        if (postal != null) {
            hashes.put(IdentifierKind.POSTAL, hash.of(PostalAddresses.normalize(postal)));
        }
        return hashes;
    }

    public PostalAddress postalAddress() {
        return PostalAddresses.stored(postalLines, postalPostcode, postalCity, postalCountry);
    }

    public String locale() {
        return locale;
    }

    public String country() {
        return country;
    }

    public Audience audience() {
        return audience;
    }

    /** Whether a message on the channel can reach this person: an address, a number, a postal address (push: always). */
    public boolean reaches(eu.consent.purpose.Channel channel) {
        return channel.identifier()
                .map(kind -> switch (kind) {
                    case EMAIL -> email != null;
                    case PHONE -> phone() != null;
                    case POSTAL -> postalAddress() != null;
                })
                .orElse(true);
    }

    /**
     * The channel a message reaches this person on first — email, else a text to their number, else a letter, else
     * another channel through an identifier they hold (a call) — among those {@code among} allows; empty when none
     * does. Never push: it "reaches" anyone, whatever they hold.
     */
    public java.util.Optional<eu.consent.purpose.Channel> mainChannel(
            java.util.function.Predicate<eu.consent.purpose.Channel> among) {
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(
                                eu.consent.purpose.Channel.EMAIL,
                                eu.consent.purpose.Channel.SMS,
                                eu.consent.purpose.Channel.POSTAL),
                        java.util.Arrays.stream(eu.consent.purpose.Channel.values()))
                .filter(c -> c.identifier().isPresent() && among.test(c) && reaches(c))
                .findFirst();
    }

    public boolean isCustomer() {
        return customer;
    }

    public String externalId() {
        return externalId;
    }

    public String attributesJson() {
        return attributes;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant lastActiveAt() {
        return lastActiveAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Contact that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
