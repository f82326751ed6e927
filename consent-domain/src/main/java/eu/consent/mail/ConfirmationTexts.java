package eu.consent.mail;

import eu.consent.purpose.Purpose;
import eu.consent.shared.Jsons;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Locale;

/** How a purpose is named to a person: in their language, else in English, else in any, else by its key. */
public final class ConfirmationTexts {

    private ConfirmationTexts() {}

    /**
     * A purpose's name and the language tag it is written in ({@code null} for the key, a name in no language): a page
     * marks a name in another language than its own, for a screen reader to read it in that one (tester AT's F3).
     */
    public record Name(String text, String language) {}

    public static String purposeName(Purpose purpose, Locale locale) {
        return name(purpose, locale).text();
    }

    public static Name name(Purpose purpose, Locale locale) {
        JsonObject names =
                Jsons.createReader(new StringReader(purpose.namesJson())).readObject();
        for (String tag : new String[] {locale.toLanguageTag(), locale.getLanguage(), "en"}) {
            if (names.containsKey(tag)) {
                return new Name(names.getString(tag), tag);
            }
        }
        if (names.isEmpty()) {
            return new Name(purpose.key(), null);
        }
        String any = names.keySet().iterator().next();
        return new Name(names.getString(any), any);
    }
}
