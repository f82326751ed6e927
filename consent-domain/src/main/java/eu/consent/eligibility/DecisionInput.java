package eu.consent.eligibility;

/** "May I send a message of {@code purpose} on {@code channel} to this recipient?" */
public record DecisionInput(String contactId, String email, String phone, String purpose, String channel) {}
