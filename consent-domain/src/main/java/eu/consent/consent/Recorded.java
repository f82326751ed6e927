package eu.consent.consent;

import eu.consent.purpose.Notice;

/**
 * What recording an event did: the event, the notice it names (or null), the state it leaves, and the state before it
 * (NONE for a pair's first event): the same when the event changed nothing, a withdrawal repeated say; {@code decides}
 * whether the state now rests on this event (a client's grant while the person's re-opening waits for its click does
 * not: the waiting grant still does).
 */
public record Recorded(
        ConsentEvent event, Notice notice, ConsentState state, ConsentState previousState, boolean decides) {}
