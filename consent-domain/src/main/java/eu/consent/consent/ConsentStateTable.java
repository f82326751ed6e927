package eu.consent.consent;

import eu.consent.purpose.Channel;
import eu.consent.shared.InstantConverter;
import eu.consent.shared.Tables;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The one column mapping of {@link CurrentConsent} (the projection): its annotations name these columns, and bulk
 * writers store the very {@link CurrentConsent} the ledger keeps, built by the same {@link CurrentConsent#apply}.
 */
public final class ConsentStateTable {

    public static final String TABLE = "consent_state";
    public static final String CONTACT_ID = "contact_id";
    public static final String PURPOSE_KEY = "purpose_key";
    public static final String EVENT_ID = "event_id";

    private static final List<String> VALUES = List.of("state", "basis", "since", EVENT_ID);
    private static final List<String> KEY = List.of(CONTACT_ID, PURPOSE_KEY, "channel");

    /** Both statements take the values first, then the key: one {@link #add} serves either. */
    public static final String INSERT = Tables.insert(
            TABLE, java.util.stream.Stream.concat(VALUES.stream(), KEY.stream()).toList());

    public static final String UPDATE = Tables.update(TABLE, VALUES, KEY);

    private static final InstantConverter INSTANTS = new InstantConverter();

    private ConsentStateTable() {}

    /** The projection row of a key as the ledger would keep it after deriving {@code outcome}. */
    public static CurrentConsent derived(
            UUID contactId, String purposeKey, Channel channel, ConsentDerivation.Outcome outcome) {
        CurrentConsent row = new CurrentConsent(contactId, purposeKey, channel);
        row.apply(outcome);
        return row;
    }

    /** Sets {@link #INSERT}'s or {@link #UPDATE}'s parameters to the row and adds them to the statement's batch. */
    public static void add(PreparedStatement s, CurrentConsent row) throws SQLException {
        s.setString(1, row.state().name());
        s.setString(2, row.basis() == null ? null : row.basis().name());
        s.setTimestamp(3, INSTANTS.convertToDatabaseColumn(row.since()));
        s.setString(4, row.eventId().toString());
        s.setString(5, row.contactId().toString());
        s.setString(6, row.purposeKey());
        s.setString(7, row.channel().name());
        s.addBatch();
    }
}
