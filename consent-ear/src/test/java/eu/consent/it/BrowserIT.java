package eu.consent.it;

import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The recipients' pages in a real browser: headless Chromium (Debian's, installed by the build if missing) with
 * JavaScript switched off, driven by Selenium against the running server, by keyboard where a person could. Each
 * journey runs in two languages; every page is photographed in every language into target/screenshots/.
 */
class BrowserIT {

    private static final List<String> LANGUAGES = List.of("fr", "en", "de", "it");
    private static final Path SHOTS = Path.of("target", "screenshots");

    private static WebDriver browser;
    private static Recipients.Mailbox mailbox;
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws IOException {
        mailbox = new Recipients.Mailbox();
        Files.createDirectories(SHOTS);
        profile = Files.createTempDirectory("chromium-it");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("it.chromium", "/usr/bin/chromium"));
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--window-size=1200,1800",
                "--user-data-dir=" + profile);
        // No JavaScript at all: the pages must work without it.
        options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("it.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        mailbox.close();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    private static void screenshot(String name) throws IOException {
        if (!Api.BROWSER_EVIDENCE) {
            return;
        }
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static void open(String url) {
        browser.get(url);
        String html = browser.getPageSource();
        assertFalse(html.contains("<script"), "no script on any page");
    }

    /** Submits a form and waits for the answer's page: the next read must not see the page that was left. */
    private static void submit(Runnable action) {
        WebElement left = browser.findElement(By.tagName("html"));
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> gone(left));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(WebDriverException.class)
                .until(d -> !d.findElements(By.tagName("h1")).isEmpty());
    }

    /** Whether the page holding {@code element} was left (Chrome says so in two ways, depending on timing). */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private static String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    private static String lang() {
        return browser.findElement(By.tagName("html")).getAttribute("lang");
    }

    @Test
    void aPersonSwitchesAPurposeOffInThePreferenceCentreAndIsNoLongerSentIt() throws IOException {
        for (String language : List.of("fr", "en")) {
            Recipients.Person p = Recipients.granted(language);
            Recipients.servicePurpose();
            open(Recipients.preferencesUrl(p.contact()));
            assertEquals(language, lang());
            screenshot("preferences-" + language);

            WebElement box = browser.findElement(By.id(p.purpose() + ".EMAIL"));
            assertTrue(box.isSelected(), "shown as received");
            WebElement label = browser.findElement(By.cssSelector("label[for='" + p.purpose() + ".EMAIL']"));
            assertFalse(label.getText().isBlank(), "every control has a label");
            box.sendKeys(Keys.SPACE); // by keyboard
            assertFalse(box.isSelected());
            submit(() -> browser.findElement(By.cssSelector("form button[type=submit]"))
                    .sendKeys(Keys.ENTER));

            assertTrue(browser.getCurrentUrl().contains("saved=1"), browser.getCurrentUrl());
            assertFalse(browser.findElement(By.cssSelector("[role=status]"))
                    .getText()
                    .isBlank());
            assertFalse(browser.findElement(By.id(p.purpose() + ".EMAIL")).isSelected());
            screenshot("preferences-saved-" + language);
            var decision = Recipients.decision(p.contact(), p.purpose(), "EMAIL");
            assertFalse(decision.getBoolean("allowed"), decision.toString());
            assertEquals("CONSENT_WITHDRAWN", decision.getString("rule"));
        }
        Recipients.Person p = Recipients.granted("fr");
        for (String language : List.of("de", "it")) {
            open(Recipients.preferencesUrl(p.contact()) + "?lang=" + language);
            assertEquals(language, lang());
            screenshot("preferences-" + language);
        }
    }

    @Test
    void aPersonUnsubscribesThroughThePageWithAReason() throws IOException {
        for (String language : List.of("de", "it")) {
            Recipients.Person p = Recipients.granted(language);
            open(Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl"));
            assertEquals(language, lang());
            screenshot("unsubscribe-" + language);
            assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "showing changes nothing");

            browser.findElement(By.id("reason-TOO_FREQUENT")).sendKeys(Keys.SPACE);
            browser.findElement(By.id("comment")).sendKeys("Zu viel / troppo");
            submit(() ->
                    browser.findElement(By.cssSelector("button[type=submit]")).sendKeys(Keys.ENTER));

            screenshot("unsubscribed-" + language);
            assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
            assertEquals(
                    "UNSUBSCRIBE_LINK",
                    Recipients.history(p.contact()).getJsonObject(1).getString("source"));
            assertFalse(Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"));
        }
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.links(p.contact(), null).getString("unsubscribeUrl");
        for (String language : List.of("fr", "en")) {
            open(url + "?lang=" + language);
            assertEquals(language, lang());
            screenshot("unsubscribe-" + language);
        }
        String stats =
                Api.get(Api.User.AUDITOR, "/api/v1/stats/opt-outs?by=reason").body();
        assertTrue(stats.contains("TOO_FREQUENT"), stats);
    }

    @Test
    void aPersonConfirmsADoubleOptInFromTheMessage() throws Exception {
        for (String language : List.of("fr", "en")) {
            String purpose = Fixtures.purpose(true);
            String notice = Fixtures.notice(purpose, language, "Yes please / Oui");
            String email = Api.uniqueEmail();
            String contact = Fixtures.contact(email, language);
            Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                    .expect(201);
            String link = Recipients.Mailbox.link(mailbox.await(email, 1).get(0), "/confirm/");
            if (language.equals("fr")) {
                for (String other : List.of("de", "it")) {
                    open(link + "?lang=" + other);
                    assertEquals(other, lang());
                    screenshot("confirm-" + other);
                }
            }
            open(link);
            assertEquals(language, lang());
            screenshot("confirm-" + language);
            assertEquals("PENDING", Recipients.state(contact, purpose, "EMAIL"));

            submit(() ->
                    browser.findElement(By.cssSelector("button[type=submit]")).click());
            screenshot("confirmed-" + language);
            assertEquals("GRANTED", Recipients.state(contact, purpose, "EMAIL"));
            assertTrue(Recipients.decision(contact, purpose, "EMAIL").getBoolean("allowed"));
            String agent = Recipients.history(contact)
                    .getJsonObject(1)
                    .getJsonObject("proof")
                    .getString("userAgent");
            assertTrue(agent.contains("Chrome"), "the confirming browser is the proof: " + agent);
        }
    }

    @Test
    void aPersonReopensWhatTheyLeftOnlyByConfirmingFromTheMail() throws Exception {
        for (String language : List.of("fr", "en")) {
            Recipients.Person p = Recipients.granted(language);
            String all = Recipients.links(p.contact(), null).getString("unsubscribeUrl");
            assertEquals(
                    200,
                    Recipients.post(all, Map.of("List-Unsubscribe", "One-Click"))
                            .statusCode());
            open(Recipients.preferencesUrl(p.contact()));
            WebElement box = browser.findElement(By.id(p.purpose() + ".EMAIL"));
            assertFalse(box.isSelected(), "left: shown off");
            assertFalse(
                    browser.findElement(By.id(p.purpose() + ".EMAIL-hint"))
                            .getText()
                            .isBlank(),
                    "the switch says a mail will confirm it");
            box.sendKeys(Keys.SPACE);
            submit(() -> browser.findElement(By.cssSelector("form button[type=submit]"))
                    .sendKeys(Keys.ENTER));

            assertTrue(browser.getCurrentUrl().contains("mailed=1"), browser.getCurrentUrl());
            assertFalse(browser.findElement(By.cssSelector("[role=status]"))
                    .getText()
                    .isBlank());
            assertTrue(browser.findElement(By.id(p.purpose() + ".EMAIL")).isSelected(), "shown as waiting");
            screenshot("preferences-mailed-" + language);
            assertFalse(
                    Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"),
                    "the page alone re-opens nothing");

            open(Recipients.Mailbox.link(mailbox.await(p.email(), 1).get(0), "/confirm/"));
            submit(() ->
                    browser.findElement(By.cssSelector("button[type=submit]")).click());
            assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
            assertTrue(Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"));
        }
    }

    @Test
    void anExpiredPreferenceLinkLeadsToAFreshOneByMail() throws Exception {
        Recipients.Person p = Recipients.granted("it");
        String old = LinkLifetimeIT.preferencesUrl(p.contact(), LinkLifetimeIT.daysAgo(91));
        for (String language : LANGUAGES) {
            open(old + "?lang=" + language);
            assertEquals(language, lang());
            assertFalse(heading().isBlank());
            screenshot("expired-" + language);
        }
        WebElement email = browser.findElement(By.id("email"));
        email.sendKeys(p.email());
        submit(() -> email.sendKeys(Keys.ENTER));
        assertFalse(
                browser.findElement(By.cssSelector("[role=status]")).getText().isBlank());
        open(Recipients.Mailbox.link(mailbox.await(p.email(), 1).get(0), "/preferences/"));
        assertTrue(browser.findElement(By.id(p.purpose() + ".EMAIL")).isSelected(), "the fresh link opens the centre");
    }

    @Test
    void theLinkRequestAndNotFoundPagesInEveryLanguage() throws Exception {
        for (String language : LANGUAGES) {
            open(Api.BASE + "/preferences?lang=" + language);
            assertEquals(language, lang());
            assertFalse(browser.findElement(By.cssSelector("label[for=email]"))
                    .getText()
                    .isBlank());
            screenshot("request-link-" + language);

            open(Api.BASE + "/preferences/not-a-token?lang=" + language);
            assertEquals(language, lang());
            assertFalse(heading().isBlank());
            screenshot("not-found-" + language);
        }
        Recipients.Person p = Recipients.granted("it");
        open(Api.BASE + "/preferences");
        WebElement email = browser.findElement(By.id("email"));
        email.sendKeys(p.email());
        submit(() -> email.sendKeys(Keys.ENTER));
        assertFalse(
                browser.findElement(By.cssSelector("[role=status]")).getText().isBlank());
        screenshot("request-link-sent-" + lang());
        String link = Recipients.Mailbox.link(mailbox.await(p.email(), 1).get(0), "/preferences/");
        open(link);
        assertEquals("it", lang(), "the contact's language");
        assertTrue(browser.findElement(By.id(p.purpose() + ".EMAIL")).isSelected());
    }

    @Test
    void aPersonAnswersKeepMeAndReadsTheirReceipts() throws IOException {
        for (String language : List.of("it", "fr")) {
            Recipients.Person p = Recipients.granted(language);
            String url = Api.post(
                            Api.User.CAMPAIGN, "/api/v1/reactivation-links", "{\"contactId\":\"" + p.contact() + "\"}")
                    .expect(200)
                    .json()
                    .getString("url");
            if (language.equals("it")) {
                for (String other : List.of("de", "en")) {
                    open(url + "?lang=" + other);
                    assertEquals(other, lang());
                    screenshot("stay-" + other);
                }
            }
            open(url);
            assertEquals(language, lang());
            screenshot("stay-" + language);
            assertFalse(
                    browser.findElements(By.cssSelector("a[href*='/unsubscribe/']"))
                            .isEmpty(),
                    "leave instead");
            String before = Api.get(INTEGRATION, "/api/v1/contacts/" + p.contact())
                    .json()
                    .get("lastActiveAt")
                    .toString();
            submit(() ->
                    browser.findElement(By.cssSelector("button[type=submit]")).sendKeys(Keys.ENTER));
            screenshot("stayed-" + language);
            String after = Api.get(INTEGRATION, "/api/v1/contacts/" + p.contact())
                    .json()
                    .get("lastActiveAt")
                    .toString();
            assertFalse(after.equals(before), "keep me moved the retention clock: " + before + " → " + after);

            open(Recipients.preferencesUrl(p.contact()));
            submit(() ->
                    browser.findElement(By.cssSelector("a[href*='/receipts']")).sendKeys(Keys.ENTER));
            assertEquals(language, lang());
            assertEquals(
                    1,
                    browser.findElements(By.cssSelector("td a[href*='/receipts/']"))
                            .size());
            screenshot("receipts-" + language);
        }
    }
}
