package eu.consent.mail;

import eu.consent.purpose.Purpose;
import eu.consent.shared.Jsons;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Locale;

/** How a purpose is named to a person: in their language, else in English, else in any, else by its key. */
public final class ConfirmationTexts {

    private ConfirmationTexts() {}

    public static String purposeName(Purpose purpose, Locale locale) {
        JsonObject names =
                Jsons.createReader(new StringReader(purpose.namesJson())).readObject();
        for (String tag : new String[] {locale.toLanguageTag(), locale.getLanguage(), "en"}) {
            if (names.containsKey(tag)) {
                return names.getString(tag);
            }
        }
        return names.isEmpty()
                ? purpose.key()
                : names.getString(names.keySet().iterator().next());
    }
}
