package eu.consent.imports;

import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.Proof;
import eu.consent.contact.Audience;
import eu.consent.purpose.Channel;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A row of an import after reading: valid and normalized, or rejected with its reason. */
public sealed interface Item extends Serializable permits Item.Row, Item.Rejected {

    long line();

    String text();

    /** Where the record after this one starts in the file. */
    long end();

    /**
     * A rejected row: its line, its text as it was, why, and its email and phone normalized where they could be read
     * (so that an erasure finds the row).
     */
    record Rejected(long line, String text, long end, RejectReason reason, String detail, String email, String phone)
            implements Item {}

    /**
     * A valid row: normalized details (null where the row says nothing), optionally one consent event, and which
     * fields (or {@code attr.<name>}) were filled by the upload's defaults rather than the row.
     */
    record Row(
            long line,
            String text,
            long end,
            String email,
            String phone,
            String country,
            String locale,
            Audience audience,
            Boolean customer,
            String externalId,
            Map<String, String> attributes,
            Consent consent,
            Instant lastActiveAt,
            Set<String> defaulted)
            implements Item {

        /** Whether {@code field} came from the upload's defaults: for a person already known it changes nothing. */
        boolean isDefault(String field) {
            return defaulted.contains(field);
        }
    }

    /** The consent evidence of a row: the event to record (source IMPORT) and how it was first collected. */
    record Consent(
            String purposeKey,
            Channel channel,
            ConsentAction action,
            ConsentSource origin,
            UUID noticeId,
            Instant occurredAt,
            Instant confirmedAt,
            Proof proof)
            implements Serializable {}
}
