package eu.consent.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every text exists in every language, for the pages and for the mail the service sends: a key missing in one
 * bundle, or a key a template uses that no bundle has, fails the build.
 */
class BundlesTest {

    /** Every bundle of the project, by its English (default) file. */
    private static final List<String> BUNDLES =
            List.of("/eu/consent/web/pages/pages", "/eu/consent/mail/confirmation", "/eu/consent/mail/preferencelink");

    private static final List<String> TEMPLATES = List.of(
            "layout",
            "message",
            "confirm",
            "unsubscribe",
            "preferences",
            "topic",
            "request",
            "receipts",
            "stay",
            "name");

    private static Properties load(String resource) throws IOException {
        try (InputStream in = BundlesTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    private static Set<String> keys(String resource) throws IOException {
        return new TreeSet<>(load(resource).stringPropertyNames());
    }

    @Test
    void everyBundleIsCompleteInEveryLanguage() throws IOException {
        for (String bundle : BUNDLES) {
            Set<String> english = keys(bundle + ".properties");
            assertFalse(english.isEmpty(), bundle);
            for (String language : Html.LANGUAGES) {
                if (!language.equals("en")) {
                    Properties translated = load(bundle + "_" + language + ".properties");
                    assertEquals(english, new TreeSet<>(translated.stringPropertyNames()), bundle + " " + language);
                    translated.forEach(
                            (key, text) -> assertFalse(text.toString().isBlank(), bundle + " " + language + " " + key));
                }
            }
        }
    }

    @Test
    void everyTextATemplateUsesExists() throws IOException {
        Set<String> english = keys("/eu/consent/web/pages/pages.properties");
        Pattern used = Pattern.compile("\\{\\{t\\.([a-zA-Z0-9_]+)}}");
        for (String template : TEMPLATES) {
            try (InputStream in = BundlesTest.class.getResourceAsStream(
                    "/eu/consent/web/pages/templates/" + template + ".mustache")) {
                assertNotNull(in, template);
                Matcher m = used.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    String key = m.group(1);
                    assertTrue(
                            english.stream().anyMatch(k -> k.replace('.', '_').equals(key)),
                            template + " uses t." + key + ", which no bundle has");
                }
            }
        }
    }

    /** MessageFormat reads a lone apostrophe as a quote and swallows text: every apostrophe is written twice. */
    @Test
    void apostrophesAreDoubledForMessageFormat() throws IOException {
        Pattern lone = Pattern.compile("(?<!')'(?!')");
        for (String language : Html.LANGUAGES) {
            String file = "/eu/consent/web/pages/pages" + (language.equals("en") ? "" : "_" + language) + ".properties";
            load(file)
                    .forEach((key, text) ->
                            assertFalse(lone.matcher(text.toString()).find(), file + " " + key + ": " + text));
        }
    }

    @Test
    void theLanguageFollowsTheRequestThenTheContactThenTheBrowser() {
        assertEquals("de", Html.language("de", "fr-FR", List.of(Locale.ITALIAN)));
        assertEquals("de", Html.language("DE", "fr-FR", List.of(Locale.ITALIAN)), "a link written in capitals");
        assertEquals("it", Html.language("it-CH", "fr-FR", List.of()), "a regional tag");
        assertEquals("fr", Html.language("fr_FR", "de", List.of()), "a Java locale name");
        assertEquals("fr", Html.language(null, "fr-FR", List.of(Locale.ITALIAN)));
        assertEquals("it", Html.language("xx", "es", List.of(Locale.ITALIAN)));
        assertEquals("en", Html.language(null, null, List.of(Locale.JAPANESE)));
    }
}
