package eu.consent.web.pages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The languages a browser's {@code Accept-Language} asks for, most wanted first, for the recipients' pages, their error
 * pages and the console alike. A range weighed 0 is one the browser refuses (RFC 9110, 12.4.2): never chosen — until
 * 2026-12-07 {@code de;q=0} gave a German page (tester AT's F5). An entry that cannot be read is skipped, not the
 * whole header: {@code it;q=1.5, de} still says German.
 */
public final class AcceptLanguage {

    private AcceptLanguage() {}

    public static List<Locale> of(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        List<Locale.LanguageRange> ranges = new ArrayList<>();
        for (String entry : header.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(entry.strip())) {
                    if (range.getWeight() > 0) {
                        ranges.add(range);
                    }
                }
            } catch (IllegalArgumentException unreadable) {
                // this entry says nothing; the others still do
            }
        }
        ranges.sort(Comparator.comparingDouble(Locale.LanguageRange::getWeight).reversed());
        return ranges.stream().map(r -> Locale.forLanguageTag(r.getRange())).toList();
    }
}
