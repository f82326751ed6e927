package eu.consent.purpose;

import eu.consent.shared.Hashing;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The exact wording shown when consent was asked, in one locale, at one version. Immutable: a change of wording is a
 * new version, so every consent keeps pointing at what the person really read, and the SHA-256 proves it.
 */
@Entity
@Table(name = "notice")
@NamedQuery(
        name = Notice.BY_ID_OF_PURPOSE,
        query = "SELECT n FROM Notice n WHERE n.id = :id AND n.purposeKey = :purpose")
@NamedQuery(
        name = Notice.LATEST_VERSION,
        query = "SELECT MAX(n.version) FROM Notice n WHERE n.purposeKey = :purpose AND n.locale = :locale")
@NamedQuery(
        name = Notice.PAGE,
        query = "SELECT n FROM Notice n WHERE n.purposeKey = :purpose AND (n.locale > :locale"
                + " OR (n.locale = :locale AND n.version > :version)) ORDER BY n.locale, n.version")
public class Notice {

    public static final String LATEST_VERSION = "Notice.latestVersion";
    public static final String PAGE = "Notice.page";
    public static final String BY_ID_OF_PURPOSE = "Notice.byIdOfPurpose";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "purpose_key")
    private String purposeKey;

    private String locale;
    private int version;

    @Column(name = "body")
    private String text;

    private String sha256;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Notice() {}

    Notice(String purposeKey, String locale, int version, String text, Instant createdAt) {
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1");
        }
        this.id = UUID.randomUUID().toString();
        this.purposeKey = Objects.requireNonNull(purposeKey);
        this.locale = Objects.requireNonNull(locale);
        this.version = version;
        this.text = Objects.requireNonNull(text);
        this.sha256 = Hashing.sha256Hex(text);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public String purposeKey() {
        return purposeKey;
    }

    public String locale() {
        return locale;
    }

    public int version() {
        return version;
    }

    public String text() {
        return text;
    }

    public String sha256() {
        return sha256;
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Notice that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
