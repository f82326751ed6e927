package eu.consent.consent;

/** What recording an event did: the event itself and the state it leaves for its purpose and channel. */
public record Recorded(ConsentEvent event, ConsentState state) {}
