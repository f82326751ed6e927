package eu.consent.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every page text exists in every language: a key missing in one bundle fails the build. */
class BundlesTest {

    private static Set<String> keys(String resource) throws IOException {
        try (InputStream in = BundlesTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            return new TreeSet<>(p.stringPropertyNames());
        }
    }

    @Test
    void pagesAreCompleteInEveryLanguage() throws IOException {
        Set<String> english = keys("/eu/consent/web/pages/pages.properties");
        for (String language : Html.LANGUAGES) {
            if (!language.equals("en")) {
                assertEquals(english, keys("/eu/consent/web/pages/pages_" + language + ".properties"), language);
            }
        }
    }

    @Test
    void theLanguageFollowsTheRequestThenTheContactThenTheBrowser() {
        assertEquals("de", Html.language("de", "fr-FR", java.util.List.of(java.util.Locale.ITALIAN)));
        assertEquals("fr", Html.language(null, "fr-FR", java.util.List.of(java.util.Locale.ITALIAN)));
        assertEquals("it", Html.language("xx", "es", java.util.List.of(java.util.Locale.ITALIAN)));
        assertEquals("en", Html.language(null, null, java.util.List.of(java.util.Locale.JAPANESE)));
    }

    @Test
    void escapesWhatItShows() {
        assertEquals("&lt;script&gt;&amp;&quot;&#39;", Html.escape("<script>&\"'"));
    }
}
