package eu.consent.consent;

import eu.consent.purpose.Notice;

/** What recording an event did: the event, the notice it names (or null), and the state it leaves. */
public record Recorded(ConsentEvent event, Notice notice, ConsentState state) {}
