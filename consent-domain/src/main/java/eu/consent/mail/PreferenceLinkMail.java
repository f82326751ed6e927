package eu.consent.mail;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The "here is your preference link" message, in the person's language (French, English, German, Italian). */
public record PreferenceLinkMail(String subject, String body) {

    private static final ResourceBundle.Control NO_SYSTEM_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** {@code languageTag} is the contact's locale (null: English); the organization signs the message. */
    public static PreferenceLinkMail compose(String languageTag, String link, String organization) {
        Locale locale = languageTag == null ? Locale.ENGLISH : Locale.forLanguageTag(languageTag);
        ResourceBundle texts = ResourceBundle.getBundle("eu.consent.mail.preferencelink", locale, NO_SYSTEM_FALLBACK);
        return new PreferenceLinkMail(
                MessageFormat.format(texts.getString("subject"), organization),
                MessageFormat.format(texts.getString("body"), link, organization));
    }
}
