package eu.consent.web.webhook;

import java.util.List;

/** A new subscription: where to POST, which events, and whether payloads may carry the email and phone. */
public record WebhookInput(String url, List<String> events, Boolean includeIdentifiers) {}
