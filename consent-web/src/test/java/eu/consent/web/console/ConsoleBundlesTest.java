package eu.consent.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.consent.ConsentAction;
import eu.consent.contact.ActivityType;
import jakarta.batch.runtime.BatchStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console speaks four languages: a key missing in one, or used by a template and missing everywhere, fails. */
class ConsoleBundlesTest {

    private static final String BUNDLE = "/eu/consent/web/console/console";
    private static final List<String> TEMPLATES = List.of(
            "layout",
            "login",
            "message",
            "table",
            "dashboard",
            "leave",
            "people",
            "erase",
            "purposes",
            "jobs",
            "mail",
            "imports",
            "import");

    private static Properties load(String resource) throws IOException {
        try (InputStream in = ConsoleBundlesTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    @Test
    void everyLanguageHasEveryText() throws IOException {
        Set<String> english = new TreeSet<>(load(BUNDLE + ".properties").stringPropertyNames());
        for (String language : List.of("fr", "de", "it")) {
            Properties translated = load(BUNDLE + "_" + language + ".properties");
            assertEquals(english, new TreeSet<>(translated.stringPropertyNames()), language);
            translated.forEach((key, text) -> assertFalse(text.toString().isBlank(), language + " " + key));
        }
    }

    @Test
    void everyTextATemplateUsesExists() throws IOException {
        Set<String> english = load(BUNDLE + ".properties").stringPropertyNames();
        Pattern used = Pattern.compile("\\{\\{t\\.([a-zA-Z0-9_]+)}}");
        for (String template : TEMPLATES) {
            try (InputStream in = ConsoleBundlesTest.class.getResourceAsStream(
                    "/eu/consent/web/console/templates/" + template + ".mustache")) {
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
    void apostrophesAreDoubled() throws IOException {
        Pattern lone = Pattern.compile("(?<!')'(?!')");
        for (String suffix : List.of("", "_fr", "_de", "_it")) {
            load(BUNDLE + suffix + ".properties")
                    .forEach((key, text) ->
                            assertFalse(lone.matcher(text.toString()).find(), suffix + " " + key + ": " + text));
        }
    }

    /**
     * What a person's timeline and the job pages show in words: each activity type, each run status and each audit
     * action the service writes (until 2026-12-07 these read as codes on a French page, tester AM's F5).
     */
    @Test
    void everyCodeThePagesShowHasItsWords() throws IOException {
        Set<String> english = load(BUNDLE + ".properties").stringPropertyNames();
        for (ActivityType type : ActivityType.values()) {
            assertTrue(english.contains("value." + type.name()), type.name());
        }
        for (BatchStatus status : BatchStatus.values()) {
            assertTrue(english.contains("value." + status.name()), status.name());
        }
        for (ConsentAction action : ConsentAction.values()) {
            assertTrue(english.contains("audit.CONSENT_" + action.name()), action.name());
        }
        for (String action : AUDIT_ACTIONS) {
            assertTrue(english.contains("audit." + action), action);
        }
    }

    @Test
    void aLabelReadsADoubledApostropheAsOne() {
        assertEquals("plateforme d'envoi (ESP)", new ConsoleView("fr", null).label("value", "ESP"));
        assertEquals("NO_SUCH_CODE", new ConsoleView("fr", null).label("value", "NO_SUCH_CODE"));
    }

    /** The audit actions written outside the consent ledger (grep the sources for them when adding one). */
    private static final List<String> AUDIT_ACTIONS = List.of(
            "ACTIVITY_RECORDED",
            "CONTACTS_EXPORTED",
            "CONTACTS_IMPORTED",
            "CONTACT_CREATED",
            "CONTACT_ERASED",
            "CONTACT_EXPORTED",
            "CONTACT_PURGED",
            "CONTACT_STAYED",
            "CONTACT_UPDATED",
            "IMPORT_COMPLETED",
            "IMPORT_FORGOTTEN",
            "JOB_FAILED",
            "JOB_RESTARTED",
            "JOB_STARTED",
            "JOB_STOP_REQUESTED",
            "NOTICE_PUBLISHED",
            "OPT_OUT",
            "PERSONAL_DATA_READ",
            "PERSONAL_DATA_SCAN",
            "PREFERENCES_CHANGED",
            "PREFERENCE_CENTER_SAVED",
            "PREFERENCE_LINK_SENT",
            "PURPOSE_CHANGED",
            "PURPOSE_CREATED",
            "SENDS_REPORTED",
            "SOFT_BOUNCE_RECORDED",
            "SUPPRESSION_ADDED",
            "SUPPRESSION_DELETED",
            "SUPPRESSION_LIFTED",
            "SUPPRESSION_SOURCE_SYNCED",
            "WEBHOOK_CREATED",
            "WEBHOOK_DELETED",
            "WEBHOOK_ENABLED",
            "WEBHOOK_REDELIVERY",
            "WEBHOOK_SECRET_ROTATED");
}
