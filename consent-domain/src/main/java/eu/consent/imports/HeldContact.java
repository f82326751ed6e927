package eu.consent.imports;

import eu.consent.contact.Audience;
import eu.consent.contact.ContactTable;
import java.time.Instant;
import java.util.Objects;

/** A contact as a chunk of an import sees it: loaded (and locked) or new, with what the chunk's rows change. */
final class HeldContact {
    String id;
    String email;
    String phone;
    String emailHash;
    String phoneHash;
    String locale;
    String country;
    String audience;
    Boolean customer;
    String externalId;
    String attributes;
    Instant lastActiveAt;
    boolean isNew;
    boolean changed;

    /** The highest arrival number among the contact's events: the next event of the chunk takes the one after. */
    long arrival;

    /** The row the contact table's mapping writes. */
    ContactTable.Row row() {
        return new ContactTable.Row(
                id,
                email,
                phone,
                emailHash,
                phoneHash,
                locale,
                country,
                Audience.valueOf(audience),
                Objects.requireNonNull(customer),
                externalId,
                attributes,
                lastActiveAt);
    }
}
