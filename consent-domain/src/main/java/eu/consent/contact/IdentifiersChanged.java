package eu.consent.contact;

import eu.consent.purpose.IdentifierKind;
import java.util.Map;
import java.util.UUID;

/**
 * Fired in the transaction of a change of a contact's email, phone or postal address (a client's PATCH, or an import
 * giving a known person an identifier they had none of), with the keyed hashes before and after (by kind; a kind the
 * contact had no identifier of is absent), so that what the person said about being contacted follows them to their
 * new identifier.
 */
public record IdentifiersChanged(
        UUID contactId, Map<IdentifierKind, String> before, Map<IdentifierKind, String> after) {}
