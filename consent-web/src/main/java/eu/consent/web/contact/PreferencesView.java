package eu.consent.web.contact;

import eu.consent.eligibility.FrequencyCap;
import eu.consent.preference.Preferences;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A contact's preferences as the API shows them. */
public record PreferencesView(Map<String, CapView> frequency, List<String> channels, Instant pausedUntil) {

    /** One purpose's cap. */
    public record CapView(int max, String per) {}

    static PreferencesView of(Preferences p) {
        Map<String, CapView> caps = new LinkedHashMap<>();
        for (Map.Entry<String, FrequencyCap> e : p.caps().entrySet()) {
            caps.put(
                    e.getKey(),
                    new CapView(e.getValue().max(), e.getValue().per().name()));
        }
        return new PreferencesView(caps, p.channels().stream().map(Enum::name).toList(), p.pausedUntil());
    }
}
