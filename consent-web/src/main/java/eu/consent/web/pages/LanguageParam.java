package eu.consent.web.pages;

import java.util.List;
import java.util.Locale;

/** The {@code ?lang=} of a recipient's page or of the console, read as a person or a mailer writes it. */
public final class LanguageParam {

    private LanguageParam() {}

    /**
     * The language among {@code supported} that {@code requested} names, in any case and with any region ({@code DE},
     * {@code de-AT} and {@code de_DE} all name German), or null when it names none of them.
     */
    public static String of(String requested, List<String> supported) {
        if (requested == null) {
            return null;
        }
        String language =
                Locale.forLanguageTag(requested.strip().replace('_', '-')).getLanguage();
        return supported.contains(language) ? language : null;
    }
}
