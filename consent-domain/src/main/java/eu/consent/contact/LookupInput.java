package eu.consent.contact;

/** Find a contact by exactly one of its identifiers; a POST body, so the identifier never lands in a URL or log. */
public record LookupInput(String email, String phone) {}
