package eu.consent.contact;

import eu.consent.shared.InstantConverter;
import eu.consent.shared.Tables;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * The one column mapping of {@link Contact}: its annotations name these columns, and bulk writers (the import) insert
 * and update contacts through {@link #INSERT} and {@link #UPDATE}, with the entity's own converter. A column renamed
 * here is renamed for both paths.
 */
public final class ContactTable {

    public static final String TABLE = "contact";
    public static final String EMAIL_HASH = "email_hash";
    public static final String PHONE_HASH = "phone_hash";
    public static final String EXTERNAL_ID = "external_id";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";
    public static final String LAST_ACTIVE_AT = "last_active_at";
    public static final String LEFT_EVERYTHING_AT = "left_everything_at";
    public static final String LEFT_EVERYTHING_SOURCE = "left_everything_source";

    /** What a bulk writer sets, in the order {@link #add} binds it (the id last, as {@link #UPDATE} wants it). */
    private static final List<String> DETAILS = List.of(
            "email",
            "phone",
            EMAIL_HASH,
            PHONE_HASH,
            "locale",
            "country",
            "audience",
            "customer",
            EXTERNAL_ID,
            "attributes",
            UPDATED_AT,
            LAST_ACTIVE_AT);

    /** A new contact: the details, the id, then its creation time and version. */
    public static final String INSERT = Tables.insert(
            TABLE,
            java.util.stream.Stream.concat(DETAILS.stream(), java.util.stream.Stream.of("id", CREATED_AT, "version"))
                    .toList());

    /** The version a new row starts at, as the entity's first persist writes it. */
    private static final int FIRST_VERSION = 1;

    /** A known contact: the details, then the id; its version moves on as the entity's would. */
    public static final String UPDATE =
            "UPDATE " + TABLE + " SET " + String.join(" = ?, ", DETAILS) + " = ?, version = version + 1 WHERE id = ?";

    /**
     * Locks known contacts with an update that changes nothing (so no API write slips in between the read and the
     * write of a bulk writer).
     */
    public static final String LOCK = "UPDATE " + TABLE + " SET version = version WHERE id = ?";

    /**
     * {@link #LOCK} on Derby, whose row trigger on every UPDATE of a contact bumps the decision change counter (V015)
     * and holds it to the commit: a writer locking its contacts one after the other with {@link #LOCK} held the counter
     * after the first, then waited for a contact another writer held while that one waited for the counter (two imports
     * of the same people deadlocked so until 2026-12-06). A read for update held to the commit (WITH RS) fires nothing.
     */
    public static final String LOCK_ON_DERBY = "SELECT id FROM " + TABLE + " WHERE id = ? FOR UPDATE WITH RS";

    private static final InstantConverter INSTANTS = new InstantConverter();

    /** A contact's columns as a bulk writer holds them. */
    public record Row(
            String id,
            String email,
            String phone,
            String emailHash,
            String phoneHash,
            String locale,
            String country,
            Audience audience,
            boolean customer,
            String externalId,
            String attributes,
            Instant lastActiveAt) {}

    private ContactTable() {}

    /**
     * Sets {@link #INSERT}'s parameters (with {@code createdAt}) or {@link #UPDATE}'s (null {@code createdAt}) and adds
     * them to the statement's batch.
     */
    public static void add(PreparedStatement s, Row r, Instant updatedAt, Instant createdAt) throws SQLException {
        s.setString(1, r.email());
        s.setString(2, r.phone());
        s.setString(3, r.emailHash());
        s.setString(4, r.phoneHash());
        s.setString(5, r.locale());
        s.setString(6, r.country());
        s.setString(7, r.audience().name());
        s.setBoolean(8, r.customer());
        s.setString(9, r.externalId());
        if (r.attributes() == null) {
            s.setNull(10, Types.VARCHAR);
        } else {
            s.setString(10, r.attributes());
        }
        s.setTimestamp(11, INSTANTS.convertToDatabaseColumn(updatedAt));
        Timestamp active = INSTANTS.convertToDatabaseColumn(r.lastActiveAt());
        s.setTimestamp(12, active);
        s.setString(13, r.id());
        if (createdAt != null) {
            s.setTimestamp(14, INSTANTS.convertToDatabaseColumn(createdAt));
            s.setInt(15, FIRST_VERSION);
        }
        s.addBatch();
    }
}
