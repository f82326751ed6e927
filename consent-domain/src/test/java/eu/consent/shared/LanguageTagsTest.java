package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LanguageTagsTest {

    private static String normalize(String raw, Violations v) {
        return LanguageTags.normalize(raw, "locale", v);
    }

    @Test
    void wellFormedTagsAreNormalized() {
        Violations v = new Violations();
        assertEquals("fr", normalize(" fr ", v));
        assertEquals("fr-FR", normalize("fr_fr", v));
        assertEquals("de-CH-1996", normalize("de-CH-1996", v));
        assertEquals("sr-Latn-RS", normalize("sr-latn-rs", v));
        assertTrue(v.isEmpty(), v.errors()::toString);
    }

    @Test
    void aTagBcp47DoesNotAllowIsRefusedNotCutDown() {
        for (String tag : new String[] {"xx-bogus-lang", "fr-FR-FR", "en-a", "fr-"}) {
            Violations v = new Violations();
            assertNull(normalize(tag, v), tag);
            assertEquals("locale", v.errors().get(0).field(), tag);
        }
    }
}
