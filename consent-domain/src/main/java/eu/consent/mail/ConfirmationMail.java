package eu.consent.mail;

import eu.consent.purpose.Purpose;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The double opt-in message in the contact's language (French, English, German, Italian; English otherwise). */
record ConfirmationMail(String subject, String body) {

    private static final ResourceBundle.Control NO_SYSTEM_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    static ConfirmationMail compose(String languageTag, Purpose purpose, String link, String receiptLink) {
        Locale locale = languageTag == null ? Locale.ENGLISH : Locale.forLanguageTag(languageTag);
        ResourceBundle texts = ResourceBundle.getBundle("eu.consent.mail.confirmation", locale, NO_SYSTEM_FALLBACK);
        String name = ConfirmationTexts.purposeName(purpose, locale);
        return new ConfirmationMail(
                MessageFormat.format(texts.getString("subject"), name),
                MessageFormat.format(texts.getString("body"), name, link, receiptLink));
    }
}
