package eu.consent.mail;

import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The double opt-in message in the contact's language (French, English, German, Italian; English otherwise). */
record ConfirmationMail(String subject, String body) {

    private static final ResourceBundle.Control NO_SYSTEM_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /**
     * The message, naming the channel the consent is for: a consent is per purpose and channel, and the click confirms
     * that one (until 2026-12-07 an SMS consent was confirmed from a mail that read as the email one, tester AQ's F5).
     */
    static ConfirmationMail compose(
            String languageTag, Purpose purpose, Channel channel, String link, String receiptLink) {
        Locale locale = languageTag == null ? Locale.ENGLISH : Locale.forLanguageTag(languageTag);
        ResourceBundle texts = ResourceBundle.getBundle("eu.consent.mail.confirmation", locale, NO_SYSTEM_FALLBACK);
        String name = ConfirmationTexts.purposeName(purpose, locale);
        String by = texts.getString("by." + channel.name());
        return new ConfirmationMail(
                MessageFormat.format(texts.getString("subject"), name, null, null, by),
                MessageFormat.format(texts.getString("body"), name, link, receiptLink, by));
    }
}
