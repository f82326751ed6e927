package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console over HTTP: sign-in, roles, the session cookie, form tokens, and the API left as it was. */
class ConsoleIT {

    @Test
    void withoutASessionEveryPageLeadsToTheLoginForm() {
        for (String path :
                List.of("/console/", "/console/leave", "/console/people", "/console/dashboard/consents.csv")) {
            HttpResponse<String> answer = ConsoleClient.anonymous(path);
            assertEquals(303, answer.statusCode(), path);
            assertTrue(answer.headers().firstValue("Location").orElseThrow().contains("/console/login"));
        }
        HttpResponse<String> form = ConsoleClient.anonymous("/console/login?lang=de");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("lang=\"de\""), form.body());
        assertTrue(form.body().contains("type=\"password\""));
        assertFalse(form.body().contains("<script"));
        assertTrue(form.headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow()
                .contains("default-src 'none'"));
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndScopedToTheConsole() {
        HttpResponse<String> answer = ConsoleClient.loginAnswer("admin", "dev-admin");
        assertEquals(303, answer.statusCode());
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Path=/console"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP on a laptop: " + cookie);
        assertFalse(cookie.contains("dev-admin"), "no password in the cookie");
    }

    /** Behind a load balancer that ends TLS, the browser spoke HTTPS: the cookie must never travel in clear. */
    @Test
    void behindATrustedProxyThatEndedTlsTheSessionCookieIsSecure() {
        // the test server trusts the loopback address as its reverse proxy
        HttpResponse<String> behindTls = ConsoleClient.loginAnswer("admin", "dev-admin", "X-Forwarded-Proto", "https");
        String cookie = behindTls.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("; Secure"), cookie);
        // Liberty believes the listed proxy too (its trustedHeaderOrigin is the same setting): the redirect it builds
        // goes back over HTTPS.
        String location = behindTls.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("https://"), location);
        String plain = ConsoleClient.loginAnswer("admin", "dev-admin", "X-Forwarded-Proto", "http")
                .headers()
                .firstValue("Set-Cookie")
                .orElseThrow();
        assertFalse(plain.contains("Secure"), plain);
    }

    @Test
    void wrongPasswordsAndRolesWithoutAConsoleAreRefused() {
        assertEquals(401, ConsoleClient.loginAnswer("admin", "wrong").statusCode());
        assertEquals(401, ConsoleClient.loginAnswer("nobody", "dev-admin").statusCode());
        assertEquals(
                403, ConsoleClient.loginAnswer("integration", "dev-integration").statusCode());
        HttpResponse<String> noToken = ConsoleClient.anonymous("/console/login");
        assertEquals(200, noToken.statusCode());
        assertEquals(
                403,
                ConsoleClient.loginAnswerWithToken("admin", "dev-admin", "forged")
                        .statusCode(),
                "a login form not made by us is refused");
    }

    /**
     * A form whose body holds a broken %-escape is read as the pages read theirs (that field left out), never a 500:
     * every console form, the sign-in included, answered one until 2026-12-06.
     */
    @Test
    void aBrokenEscapeInAFormIsNoServerError() {
        HttpResponse<String> login = ConsoleClient.rawLogin("username=admin&password=%ZZ");
        assertEquals(401, login.statusCode(), login.body());
        ConsoleClient admin = ConsoleClient.login(ADMIN);
        String people = admin.get("/console/people?lang=en").body();
        HttpResponse<String> find =
                admin.postRaw("/console/people", "form=" + ConsoleClient.formToken(people) + "&kind=email&value=%ZZ");
        assertTrue(find.statusCode() < 500, find.statusCode() + " " + find.body());
        HttpResponse<String> jobs = admin.postRaw("/console/jobs", "form=x&job=%ZZ");
        assertEquals(403, jobs.statusCode(), "a wrong form token, as without the broken escape");
    }

    /** Login CSRF: another site's page must not sign the browser in, even with a form token it fetched from us. */
    @Test
    void aSignInPostedFromAnotherSiteIsRefused() {
        for (String[] header : List.of(
                new String[] {"Sec-Fetch-Site", "cross-site"},
                new String[] {"Sec-Fetch-Site", "same-site"},
                new String[] {"Origin", "https://evil.example"})) {
            HttpResponse<String> answer = ConsoleClient.loginAnswer("admin", "dev-admin", header[0], header[1]);
            assertEquals(403, answer.statusCode(), header[0] + ": " + header[1]);
            assertTrue(answer.headers().firstValue("Set-Cookie").isEmpty(), "no session: " + answer.headers());
            assertTrue(answer.body().contains("another site"), answer.body());
        }
        assertEquals(
                303,
                ConsoleClient.loginAnswer("admin", "dev-admin", "Sec-Fetch-Site", "same-origin")
                        .statusCode());
    }

    @Test
    void aForgedOrForeignCookieIsNoSession() {
        ConsoleClient admin = ConsoleClient.login(ADMIN);
        String c = admin.cookie();
        String forged = (c.charAt(0) == 'A' ? 'B' : 'A') + c.substring(1);
        for (String cookie :
                List.of("x", forged, admin.cookie().substring(0, admin.cookie().length() - 2))) {
            assertEquals(303, ConsoleClient.withCookie(cookie, "/console/").statusCode(), cookie);
        }
    }

    @Test
    void theApiStillAnswersBasicWithProblemsAndIgnoresTheConsoleSession() {
        ConsoleClient admin = ConsoleClient.login(ADMIN);
        HttpResponse<String> withCookie = ConsoleClient.withCookie(admin.cookie(), "/api/v1/purposes");
        assertEquals(401, withCookie.statusCode(), "the console's session grants nothing on the API");
        assertEquals(
                "application/problem+json",
                withCookie.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        assertTrue(withCookie
                .headers()
                .firstValue("WWW-Authenticate")
                .orElseThrow()
                .startsWith("Basic"));
        Api.get(Api.User.NOBODY, "/api/v1/purposes").problem(401);
        Api.post(CAMPAIGN, "/api/v1/purposes", "{}").problem(403);
        Api.get(AUDITOR, "/api/v1/purposes").expect(200);
    }

    @Test
    void eachRoleSeesWhatItMay() {
        for (Api.User user : List.of(ADMIN, AUDITOR, CAMPAIGN)) {
            ConsoleClient c = ConsoleClient.login(user);
            HttpResponse<String> dashboard = c.get("/console/?lang=fr");
            assertEquals(200, dashboard.statusCode(), user + dashboard.body());
            assertTrue(dashboard.body().contains("<svg"), "charts");
            assertTrue(dashboard.body().contains("Tableau de bord"));
            boolean reader = user != CAMPAIGN;
            assertEquals(reader, dashboard.body().contains("href=\"/console/people"), user + ": people in the menu");
            assertEquals(reader ? 200 : 403, c.get("/console/people").statusCode(), user + " /console/people");
        }
    }

    /**
     * Signing out clears the cookie, with this session's form or a form of an earlier one (a tab left open, the operator
     * signed in again since: until 2026-12-07 an empty 403 that left them signed in, tester AL's F6); a post another
     * site sent is the 403 page and changes nothing.
     */
    @Test
    void signingOutClearsTheCookieUnlessAnotherSiteSentIt() {
        ConsoleClient admin = ConsoleClient.login(ADMIN);
        HttpResponse<String> crossSite =
                admin.post("/console/logout", Map.of("form", "forged"), "Sec-Fetch-Site", "cross-site");
        assertEquals(403, crossSite.statusCode());
        assertTrue(crossSite.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "the 403 page");
        assertTrue(crossSite.headers().firstValue("Set-Cookie").isEmpty(), "still signed in");
        ConsoleClient earlier = ConsoleClient.login(ADMIN);
        Matcher form = Pattern.compile(
                        "action=\"/console/logout[^\"]*\"[^>]*>\\s*<input type=\"hidden\" name=\"form\" value=\"([^\"]+)\"")
                .matcher(earlier.get("/console/").body());
        assertTrue(form.find(), "the page has a sign-out form");
        HttpResponse<String> stale =
                admin.post("/console/logout", Map.of("form", form.group(1)), "Sec-Fetch-Site", "same-origin");
        assertEquals(303, stale.statusCode(), stale.body());
        assertTrue(stale.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        HttpResponse<String> out = admin.submit("/console/", "/console/logout", Map.of());
        assertEquals(303, out.statusCode());
        assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
    }

    @Test
    void theDashboardCountsThePeopleWhoLeftAndTheSendsReported() {
        ConsoleClient campaign = ConsoleClient.login(CAMPAIGN);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String query = "?from=" + today + "&to=" + today + "&split=purpose";
        long sendsBefore = todaysColumn(
                campaign.get("/console/dashboard/opt-outs.csv" + query).body(), "Messages sent (reported)");

        Recipients.Person one = Recipients.granted("en");
        Recipients.Person two = Recipients.grantedOn(one.purpose(), "fr");
        for (Recipients.Person p : List.of(one, two)) {
            String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
            assertEquals(
                    200,
                    Recipients.post(url, Map.of("List-Unsubscribe", "One-Click"))
                            .statusCode());
            assertEquals(
                    200,
                    Recipients.post(url, Map.of("List-Unsubscribe", "One-Click"))
                            .statusCode());
        }
        StringBuilder sends = new StringBuilder("[");
        for (int i = 0; i < 4; i++) {
            sends.append(i == 0 ? "" : ",").append("""
                    {"contactId":"%s","purpose":"%s","channel":"EMAIL","sentAt":"%s"}""".formatted(one.contact(), one.purpose(), Fixtures.daysAgo(0)));
        }
        Api.post(INTEGRATION, "/api/v1/sends", sends.append("]").toString()).expect(202);

        HttpResponse<String> csv = campaign.get("/console/dashboard/opt-outs.csv" + query);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertEquals(2, todaysColumn(csv.body(), one.purpose()), "two people, however many clicks: " + csv.body());
        assertEquals(4, todaysColumn(csv.body(), "Messages sent (reported)") - sendsBefore, csv.body());

        String page = campaign.get("/console/" + query + "&lang=en").body();
        assertTrue(page.contains("<th scope=\"col\">" + one.purpose() + "</th>"), "the table names the purpose");
        assertTrue(page.contains(one.purpose() + ": 2</title>"), "the chart's bar says 2: " + page);
        assertFalse(page.contains(one.email()), "no personal data on the dashboard");
        assertEquals(200, campaign.get("/console/dashboard/consents.csv").statusCode());
        assertEquals(200, campaign.get("/console/?by=week&split=source").statusCode());
        assertEquals(422, campaign.get("/console/?by=month").statusCode());
        assertEquals(404, campaign.get("/console/dashboard/nothing.csv").statusCode());
    }

    @Test
    void aWeekCountsAPersonWhoLeftOnTwoOfItsDaysOnce() {
        ConsoleClient campaign = ConsoleClient.login(CAMPAIGN);
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui à la semaine");
        String contact = Api.post(
                        INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","phone":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(Api.uniqueEmail(), Api.uniqueFrenchMobile()))
                .expect(201)
                .json()
                .getString("id");
        // last week's Monday and Tuesday: wholly in the past, in one ISO week, whatever day the test runs
        LocalDate monday = LocalDate.now(ZoneOffset.UTC)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(1);
        for (String channel : List.of("EMAIL", "SMS")) {
            Api.post(
                            INTEGRATION,
                            "/api/v1/consents",
                            Fixtures.event(contact, purpose, channel, "GRANT", notice, Fixtures.daysAgo(20)))
                    .expect(201);
        }
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "WITHDRAW", null, monday + "T10:00:00Z"))
                .expect(201);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "SMS", "WITHDRAW", null, monday.plusDays(1) + "T10:00:00Z"))
                .expect(201);

        String range = "?from=" + monday + "&to=" + monday.plusDays(6) + "&split=purpose";
        assertEquals(
                1,
                column(campaign.get("/console/dashboard/opt-outs.csv" + range).body(), monday, purpose));
        assertEquals(
                1,
                column(campaign.get("/console/dashboard/opt-outs.csv" + range).body(), monday.plusDays(1), purpose));
        String weekly = campaign.get("/console/dashboard/opt-outs.csv" + range + "&by=week")
                .body();
        assertEquals(1, column(weekly, monday, purpose), "one person, on two days of the week: " + weekly);
    }

    /** The value of one period's row in the column named {@code header} of a dashboard CSV. */
    private static long column(String csv, LocalDate period, String header) {
        List<String> lines = Arrays.asList(csv.split("\r\n"));
        int column = Arrays.asList(lines.get(0).split(",")).indexOf(header);
        assertTrue(column >= 0, header + " in " + lines.get(0));
        for (String line : lines) {
            if (line.startsWith(period.toString())) {
                return Long.parseLong(line.split(",", -1)[column]);
            }
        }
        throw new AssertionError("no row for " + period + " in " + csv);
    }

    /** The value of today's row in the column named {@code header} of a dashboard CSV. */
    private static long todaysColumn(String csv, String header) {
        List<String> lines = Arrays.asList(csv.split("\r\n"));
        List<String> head = Arrays.asList(lines.get(0).split(","));
        int column = head.indexOf(header);
        assertTrue(column >= 0, header + " in " + head);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (String line : lines) {
            if (line.startsWith(today)) {
                return Long.parseLong(line.split(",", -1)[column]);
            }
        }
        throw new AssertionError("no row for " + today + " in " + csv);
    }

    /**
     * A user name holding a line break, at the console's sign-in or in HTTP Basic, stays on its own line of the log,
     * escaped, and the registry's own line quoting it raw is not written (tester AO's F1: until 2026-12-07 anyone could
     * write a line that looked like the server's).
     */
    @Test
    void aUserNameCannotForgeALineOfTheLog() throws Exception {
        String marker = "forged-" + java.util.UUID.randomUUID();
        assertEquals(
                401,
                ConsoleClient.loginAnswer("it\n" + marker + " console sign-in: admin", "x")
                        .statusCode());
        String basic = java.util.Base64.getEncoder()
                .encodeToString(("it\r\n" + marker + "-basic:x").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(
                401,
                RawHttp.send(Api.User.NOBODY, "GET", "/api/v1/purposes", null, "Authorization", "Basic " + basic)
                        .status());
        java.util.List<String> lines = ServerLog.linesOnce(marker + "-basic");
        org.junit.jupiter.api.Assumptions.assumeTrue(lines != null, "no server log known to this run");
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("console sign-in refused for user it\\u000a" + marker)),
                "the console's line, escaped");
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("API sign-in refused for user it\\u000d\\u000a" + marker)),
                "the API's line, escaped");
        assertTrue(
                lines.stream().noneMatch(l -> l.startsWith(marker)),
                "no line of the client's: "
                        + lines.stream().filter(l -> l.contains(marker)).toList());
    }

    /**
     * Guessing slows down: a client that gave one user name a wrong password five times is refused (429, with
     * Retry-After) for that name, before the registry is asked, whatever the password; another name from the same client
     * is still asked (tester AO's F7: until 2026-12-07 about a hundred guesses a second went through).
     */
    @Test
    void aClientThatGuessesTooOftenIsHeldBack() {
        String guessed = "it-" + java.util.UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, ConsoleClient.loginAnswer(guessed, "guess-" + i).statusCode());
        }
        HttpResponse<String> held = ConsoleClient.loginAnswer(guessed.toUpperCase(java.util.Locale.ROOT), "guess-5");
        assertEquals(429, held.statusCode(), held.body());
        long wait = Long.parseLong(held.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(wait > 0 && wait <= 15 * 60, "until the window ends: " + wait);
        assertTrue(held.body().contains("Too many wrong passwords"), held.body());
        assertEquals(
                401,
                ConsoleClient.loginAnswer("it-" + java.util.UUID.randomUUID(), "x")
                        .statusCode());
    }

    /** No console address or form carries a NUL: PostgreSQL can neither store nor compare one (review 40, AO's F3). */
    @Test
    void aNulIsRefusedBeforeAnyPageReadsIt() {
        ConsoleClient admin = ConsoleClient.login(Api.User.ADMIN);
        HttpResponse<String> address = admin.get("/console/leave?purpose=a%00b");
        assertEquals(422, address.statusCode(), address.body());
        HttpResponse<String> form = admin.postRaw("/console/people", "form=x&kind=externalId&value=a%00b");
        assertEquals(422, form.statusCode(), form.body());
        assertTrue(form.body().contains("U+0000"), form.body());
    }
}
