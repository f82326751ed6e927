package eu.consent.web.optout;

/** Links for one message: to a contact, about one purpose (or all prospecting), on one channel (EMAIL by default). */
public record UnsubscribeLinkInput(String contactId, String purpose, String channel) {}
