package eu.consent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like client of the console without a browser: form posts, its session cookie, no redirects followed. */
final class ConsoleClient {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"form\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("consent_console=([^;]*)");

    private final String cookie;

    private ConsoleClient(String cookie) {
        this.cookie = cookie;
    }

    /** Signs in through the login form as a browser would and keeps the session cookie. */
    static ConsoleClient login(String user, String password) {
        HttpResponse<String> answer = loginAnswer(user, password);
        assertEquals(303, answer.statusCode(), answer.body());
        String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        Matcher m = COOKIE.matcher(setCookie);
        assertTrue(m.find(), setCookie);
        return new ConsoleClient(m.group(1));
    }

    static ConsoleClient login(Api.User user) {
        String name = user.name().toLowerCase(java.util.Locale.ROOT);
        return login(name, "dev-" + name);
    }

    static HttpResponse<String> loginAnswer(String user, String password) {
        String form = formToken(anonymous("/console/login").body());
        return send(null, "/console/login", Map.of("username", user, "password", password, "form", form));
    }

    /** The sign-in's answer to a request that carries one more header (what a reverse proxy adds). */
    static HttpResponse<String> loginAnswer(String user, String password, String header, String value) {
        String form = formToken(anonymous("/console/login").body());
        return send(
                null, "/console/login", Map.of("username", user, "password", password, "form", form), header, value);
    }

    static HttpResponse<String> loginAnswerWithToken(String user, String password, String form) {
        return send(null, "/console/login", Map.of("username", user, "password", password, "form", form));
    }

    /** The sign-in's answer to a body written as given (with the login page's form token added first). */
    static HttpResponse<String> rawLogin(String body) {
        String form = formToken(anonymous("/console/login").body());
        return send(
                HttpRequest.newBuilder(URI.create(Api.BASE + "/console/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("form=" + enc(form) + "&" + body)),
                null);
    }

    /** Posts a body written as given, in this session. */
    HttpResponse<String> postRaw(String path, String body) {
        return postRaw(path, "application/x-www-form-urlencoded", body);
    }

    /** Posts a body written as given, of the type given, in this session. */
    HttpResponse<String> postRaw(String path, String contentType, String body) {
        return send(
                HttpRequest.newBuilder(URI.create(Api.BASE + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                cookie);
    }

    static HttpResponse<String> withCookie(String cookie, String path) {
        return send(HttpRequest.newBuilder(URI.create(Api.BASE + path)).GET(), cookie);
    }

    static HttpResponse<String> anonymous(String path) {
        return send(HttpRequest.newBuilder(URI.create(Api.BASE + path)).GET(), null);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(Api.BASE + path)).GET(), cookie);
    }

    HttpResponse<String> post(String path, Map<String, String> fields) {
        return send(cookie, path, fields);
    }

    /** {@link #post} with request headers (name, value, ...): what a browser says of where the form came from. */
    HttpResponse<String> post(String path, Map<String, String> fields, String... headers) {
        return send(cookie, path, fields, headers);
    }

    /** Posts the form of the page at {@code pagePath} whose action is {@code action}, with that page's token. */
    HttpResponse<String> submit(String pagePath, String action, Map<String, String> fields) {
        String page = get(pagePath).body();
        Matcher m = Pattern.compile("action=\"" + Pattern.quote(action)
                        + "(\\?[^\"]*)?\"[^>]*>\\s*<input type=\"hidden\" name=\"form\" value=\"([^\"]+)\"")
                .matcher(page);
        assertTrue(m.find(), "the page " + pagePath + " has a form to " + action + ": " + page);
        Map<String, String> all = new java.util.HashMap<>(fields);
        all.put("form", m.group(2));
        return post(action, all);
    }

    String cookie() {
        return cookie;
    }

    static String formToken(String html) {
        Matcher m = FORM_TOKEN.matcher(html);
        assertTrue(m.find(), "the page has a form token: " + html);
        return m.group(1);
    }

    private static HttpResponse<String> send(
            String cookie, String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Api.BASE + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request, cookie);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String cookie) {
        if (cookie != null) {
            request.header("Cookie", "consent_console=" + cookie);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
