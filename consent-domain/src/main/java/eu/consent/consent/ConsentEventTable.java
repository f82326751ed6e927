package eu.consent.consent;

import eu.consent.shared.InstantConverter;
import eu.consent.shared.Tables;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The one column mapping of {@link ConsentEvent}: its annotations name these columns, and bulk writers (the import)
 * insert the very entities the API persists through {@link #INSERT} and {@link #bind}, with the entity's own
 * converter. A column renamed here is renamed for both paths; a writer cannot drift from the entity.
 */
public final class ConsentEventTable {

    public static final String TABLE = "consent_event";
    public static final String CONTACT_ID = "contact_id";
    public static final String PURPOSE_KEY = "purpose_key";
    public static final String NOTICE_ID = "notice_id";
    public static final String NEEDS_CONFIRMATION = "needs_confirmation";
    public static final String PROOF_IP = "proof_ip";
    public static final String PROOF_USER_AGENT = "proof_user_agent";
    public static final String PROOF_FORM_URL = "proof_form_url";
    public static final String PROOF_AGENT_ID = "proof_agent_id";
    public static final String PROOF_SCRIPT_REF = "proof_script_ref";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String RECORDED_AT = "recorded_at";

    /** Every column, in the order {@link #bind} sets them. */
    static final List<String> COLUMNS = List.of(
            "id",
            CONTACT_ID,
            PURPOSE_KEY,
            "channel",
            "action",
            "basis",
            "source",
            NOTICE_ID,
            NEEDS_CONFIRMATION,
            PROOF_IP,
            PROOF_USER_AGENT,
            PROOF_FORM_URL,
            PROOF_AGENT_ID,
            PROOF_SCRIPT_REF,
            OCCURRED_AT,
            RECORDED_AT,
            "arrival",
            "origin");

    public static final String INSERT = Tables.insert(TABLE, COLUMNS);

    private static final InstantConverter INSTANTS = new InstantConverter();

    private ConsentEventTable() {}

    /** Sets {@link #INSERT}'s parameters to the event's values and adds them to the statement's batch. */
    public static void addInsert(PreparedStatement s, ConsentEvent e) throws SQLException {
        Proof proof = e.proof();
        s.setString(1, e.id().toString());
        s.setString(2, e.contactId().toString());
        s.setString(3, e.purposeKey());
        s.setString(4, e.channel().name());
        s.setString(5, e.action().name());
        s.setString(6, e.basis().name());
        s.setString(7, e.source().name());
        s.setString(8, e.noticeId() == null ? null : e.noticeId().toString());
        s.setBoolean(9, e.needsConfirmation());
        s.setString(10, proof.ip());
        s.setString(11, proof.userAgent());
        s.setString(12, proof.formUrl());
        s.setString(13, proof.agentId());
        s.setString(14, proof.scriptRef());
        s.setTimestamp(15, INSTANTS.convertToDatabaseColumn(e.occurredAt()));
        s.setTimestamp(16, INSTANTS.convertToDatabaseColumn(e.recordedAt()));
        s.setLong(17, e.arrival());
        s.setString(18, e.origin() == null ? null : e.origin().name());
        s.addBatch();
    }
}
