package eu.consent.contact;

import java.util.UUID;

/**
 * Fired in the transaction of a client's change of a contact's details, with the details before and after: what named the
 * person before (a name in the attributes, a CRM id, an address) may be written in what they said earlier — an
 * unsubscribe comment — and must stay withheld from it and be cut at their erasure.
 */
public record DetailsReplaced(UUID contactId, ContactDetails before, ContactDetails after) {}
