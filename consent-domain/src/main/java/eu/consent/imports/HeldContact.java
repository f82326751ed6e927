package eu.consent.imports;

import eu.consent.contact.Audience;
import eu.consent.contact.ContactTable;
import eu.consent.purpose.IdentifierKind;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
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

    /** When the person left all prospecting, on the preference page or push (null: never); the chunk only reads it. */
    Instant leftEverythingAt;

    boolean isNew;

    /** The keyed hashes of the identifiers a known contact had before the chunk gave it more (null: none given). */
    Map<IdentifierKind, String> identifiersBefore;

    boolean changed;

    /** The highest arrival number among the contact's events: the next event of the chunk takes the one after. */
    long arrival;

    /** The keyed hashes of the identifiers it has now, by kind (an import gives no postal address). */
    Map<IdentifierKind, String> identifiers() {
        Map<IdentifierKind, String> hashes = new EnumMap<>(IdentifierKind.class);
        if (emailHash != null) {
            hashes.put(IdentifierKind.EMAIL, emailHash);
        }
        if (phoneHash != null) {
            hashes.put(IdentifierKind.PHONE, phoneHash);
        }
        return hashes;
    }

    /** Notes, before a known contact is given an identifier, those it had: its opt-outs then follow it there. */
    void givingIdentifier() {
        if (!isNew && identifiersBefore == null) {
            identifiersBefore = identifiers();
        }
    }

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
