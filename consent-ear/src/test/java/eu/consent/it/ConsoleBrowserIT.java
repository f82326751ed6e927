package eu.consent.it;

import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium: each role signs in through the form, reads the dashboard's charts with numbers this
 * test created, finds a person, retires a purpose and sees it leave the preference page, completes a double opt-in
 * from the local mail page. axe-core (installed from the npm registry by the build) is injected into every page and
 * must find no serious or critical violation; every page is photographed into target/screenshots/.
 */
class ConsoleBrowserIT {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static ChromeDriver browser;
    private static Path profile;
    private static String axe;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SHOTS);
        axe = Files.readString(
                Path.of(System.getProperty("it.axe", "target/axe/node_modules/axe-core/axe.min.js")),
                StandardCharsets.UTF_8);
        profile = Files.createTempDirectory("chromium-console-it");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("it.chromium", "/usr/bin/chromium"));
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("it.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        // The pages forbid every script by CSP; the checker is the test's, injected from outside the page.
        browser.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @AfterEach
    void signOut() {
        forgetSession();
    }

    /** Drops every cookie of the browser (the console's is scoped to /console, beyond the current page's reach). */
    /** The pages whose accessibility was checked already in this run. */
    private static final java.util.Set<String> CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void forgetSession() {
        browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** Opens a page, checks it has no script of its own and no serious accessibility violation, photographs it. */
    private static void visit(String path, String shot) throws IOException {
        browser.get(Api.BASE + path);
        settle(shot);
    }

    private static void settle(String shot) throws IOException {
        assertFalse(browser.getPageSource().contains("<script"), "no script on any console page");
        if (!Api.BROWSER_EVIDENCE) {
            return;
        }
        // One page in another role or language is the same markup: checked once (each check injects and runs axe-core,
        // seconds on a loaded machine; the dashboard and the login were checked seven and four times a run).
        if (CHECKED.add(shot.replaceAll("-(campaign|auditor|admin|fr|de|it)$", ""))) {
            accessible(shot);
        }
        Files.write(SHOTS.resolve("console-" + shot + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static void accessible(String page) {
        browser.executeScript(axe);
        Object found = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(' | ')).join('\\n')));");
        assertEquals("", found, page + ": serious accessibility violations");
    }

    private static void login(String user) throws IOException {
        browser.get(Api.BASE + "/console/login?lang=en");
        if (Api.BROWSER_EVIDENCE && CHECKED.add("login")) {
            accessible("login");
        }
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("dev-" + user);
        submit(browser.findElement(By.cssSelector("main form button[type=submit]")));
        assertTrue(browser.getCurrentUrl().contains("/console/"), browser.getCurrentUrl());
    }

    private static void submit(WebElement button) {
        WebElement page = browser.findElement(By.tagName("html"));
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                // Chrome also reports a page that was left this way, depending on timing (as BrowserIT knows).
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    @Test
    void everyRoleSignsInAndReadsTheChartsOfWhatHappened() throws IOException {
        Recipients.Person p = Recipients.granted("en");
        for (int i = 0; i < 2; i++) {
            Recipients.Person other = Recipients.grantedOn(p.purpose(), "fr");
            String url = Recipients.links(other.contact(), p.purpose()).getString("unsubscribeUrl");
            Recipients.post(url, Map.of("reason", "TOO_FREQUENT", "comment", "Too much, " + i));
        }
        browser.get(Api.BASE + "/console/login?lang=en");
        settle("login");
        for (String user : List.of("campaign", "auditor", "admin")) {
            login(user);
            visit("/console/?split=purpose&lang=en", "dashboard-" + user);
            WebElement chart = browser.findElement(By.cssSelector("svg[role=img]"));
            assertTrue(chart.isDisplayed());
            assertTrue(
                    browser.getPageSource().contains(p.purpose() + ": 2</title>"),
                    "the bar of the purpose says 2 people");
            forgetSession();
        }
        login("admin");
        for (String language : List.of("fr", "de", "it")) {
            visit("/console/?lang=" + language, "dashboard-" + language);
            assertEquals(language, browser.findElement(By.tagName("html")).getAttribute("lang"));
        }
        visit("/console/leave?lang=en&purpose=" + p.purpose(), "leave");
        assertTrue(browser.findElement(By.id("comments")).getText().contains("Too much, 1"));
        visit("/console/purposes?lang=en", "purposes");
        visit("/console/jobs?lang=en", "jobs");
        visit("/console/people?lang=en", "people");
        visit("/console/nothing-here?lang=en", "not-found");
    }

    @Test
    void theDpoFindsAPersonAndReadsTheirStory() throws IOException {
        Recipients.Person p = Recipients.granted("de");
        login("admin");
        visit("/console/people?lang=en", "people-search");
        new Select(browser.findElement(By.id("kind"))).selectByValue("email");
        browser.findElement(By.id("value")).sendKeys(p.email());
        submit(browser.findElement(By.cssSelector("main form button[type=submit]")));
        assertTrue(browser.getCurrentUrl().endsWith("/console/people?lang=en"), "no personal data in the address");
        String timeline = browser.findElement(By.id("timeline")).getText();
        assertTrue(timeline.contains("Notice de for " + p.purpose()), timeline);
        settle("people-story");
        submit(browser.findElement(By.cssSelector("form[action^='/console/people/erase'] button")));
        settle("people-erase-confirm");
        assertTrue(browser.getPageSource().contains("CONTACT_ERASED"));
    }

    @Test
    void theAdminRetiresAPurposeAndItVanishesFromThePreferencePage() throws IOException {
        Recipients.Person p = Recipients.granted("en");
        String preferences = Recipients.preferencesUrl(p.contact());
        browser.get(preferences);
        assertFalse(browser.findElements(By.id(p.purpose() + ".EMAIL")).isEmpty(), "offered before");
        login("admin");
        visit("/console/purposes?lang=en", "purposes-before-retire");
        submit(browser.findElement(By.cssSelector("#purpose-" + p.purpose() + " button")));
        settle("purposes-retired");
        assertTrue(
                browser.findElement(By.cssSelector("[role=status]")).getText().contains("retired"));
        browser.get(preferences);
        assertTrue(browser.findElements(By.id(p.purpose() + ".EMAIL")).isEmpty(), "no longer offered");
        assertEquals(
                "PURPOSE_RETIRED",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));
    }

    @Test
    void aNewcomerCompletesADoubleOptInFromTheLocalMailPage() throws IOException {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "en", "Yes, the newsletter");
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "en");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        login("admin");
        visit("/console/mail?lang=en", "mail");
        WebElement message = browser.findElements(By.cssSelector("#messages > li")).stream()
                .filter(li -> li.getText().contains(email))
                .findFirst()
                .orElseThrow();
        browser.get(message.findElement(By.cssSelector("a[href*='/confirm/']")).getAttribute("href"));
        submit(browser.findElement(By.cssSelector("form button[type=submit]")));
        assertEquals("GRANTED", Recipients.state(contact, purpose, "EMAIL"));
    }

    @Test
    void theAdminUploadsAnImportAndWatchesItFinish() throws IOException {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Recevez nos offres");
        String email = Api.uniqueEmail();
        Path file = Files.createTempFile("console-import", ".csv");
        Files.writeString(
                file,
                "email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt\n" + email
                        + ",FR,fr,B2C,false," + purpose + ",EMAIL,GRANT," + notice + "," + Fixtures.dateDaysAgo(3)
                        + "\nnot-an-email,FR,fr,B2C,false,,,,,\n");
        login("admin");
        visit("/console/imports?lang=en", "imports");
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        submit(browser.findElement(By.cssSelector("form[enctype] button[type=submit]")));
        new WebDriverWait(browser, Duration.ofSeconds(90))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.findElement(By.id("import-status")).getText().contains("completed"));
        settle("import-completed");
        assertEquals("1", browser.findElement(By.id("imported")).getText());
        assertEquals("1", browser.findElement(By.id("rejected")).getText());
        assertTrue(browser.findElement(By.id("rejects")).getText().contains("not-an-email"));
        String contact = Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + email + "\"}")
                .expect(200)
                .json()
                .getString("id");
        assertEquals("GRANTED", Recipients.state(contact, purpose, "EMAIL"));
        Files.delete(file);
    }
}
