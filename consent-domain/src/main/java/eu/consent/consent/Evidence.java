package eu.consent.consent;

import eu.consent.purpose.Notice;

/**
 * A consent event together with the notice the person was shown (null when the event names none) and the state it
 * left its purpose and channel in ({@link ConsentDerivation#statesLeft}).
 */
public record Evidence(ConsentEvent event, Notice notice, ConsentState stateLeft) {}
