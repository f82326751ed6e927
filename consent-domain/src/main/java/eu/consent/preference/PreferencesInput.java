package eu.consent.preference;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Preferences as a client writes them (the whole document: PUT semantics). */
public record PreferencesInput(Map<String, CapInput> frequency, List<String> channels, Instant pausedUntil) {

    /** "At most {@code max} per {@code per}" for one purpose. */
    public record CapInput(Integer max, String per) {}
}
