package eu.consent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** A small HTTP client for the black-box tests: the running EAR, reached as any integrating system would. */
final class Api {

    static final String BASE = System.getProperty("it.base.url", "http://localhost:9181");
    /**
     * Whether the browser tests photograph each page and run the accessibility checker on it. The run against
     * PostgreSQL switches both off: the pages' markup is the same code's whatever the database, and the Derby run has
     * checked and photographed every one of them; the journeys and their assertions run in both.
     */
    static final boolean BROWSER_EVIDENCE = Boolean.parseBoolean(System.getProperty("it.browser.evidence", "true"));
    /**
     * HTTP/1.1, as most integrating systems speak: with the JDK's default (HTTP/2 over an h2c upgrade) every request
     * shares one connection, and Liberty's HTTP/2 stream writer was seen to stall under eight concurrent streams.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    enum User {
        ADMIN("admin", "dev-admin"),
        INTEGRATION("integration", "dev-integration"),
        CAMPAIGN("campaign", "dev-campaign"),
        AUDITOR("auditor", "dev-auditor"),
        NOBODY(null, null);

        final String header;

        User(String name, String password) {
            this.header = name == null
                    ? null
                    : "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An answer: status, headers and body, with the body readable as JSON. */
    record Answer(int status, HttpResponse<String> raw) {
        String body() {
            return raw.body();
        }

        JsonObject json() {
            return Json.createReader(new StringReader(raw.body())).readObject();
        }

        JsonStructure structure() {
            return Json.createReader(new StringReader(raw.body())).read();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            String type = header("Content-Type");
            return type == null ? null : type.split(";")[0].strip();
        }

        /** Asserts an RFC 9457 problem with this status and returns its body. */
        JsonObject problem(int expected) {
            assertEquals(expected, status, () -> unexpected(expected));
            assertEquals("application/problem+json", contentType(), body());
            JsonObject problem = json();
            assertEquals(expected, problem.getInt("status"));
            problem.getString("type");
            problem.getString("title");
            return problem;
        }

        Answer expect(int expected) {
            assertEquals(expected, status, () -> unexpected(expected));
            return this;
        }

        /** The failure's message; for a 500 the server's log of it too, which a CI run shows nowhere else. */
        private String unexpected(int expected) {
            String message = "expected " + expected + " but got " + status + ": " + body();
            if (status != 500 || !body().contains("urn:uuid:")) {
                return message;
            }
            return message + "\nthe server logged:\n"
                    + ServerLog.around(json().getString("instance", "").replace("urn:uuid:", ""));
        }
    }

    private Api() {}

    static Answer get(User user, String path) {
        return send(user, "GET", path, null, BodyPublishers.noBody());
    }

    static Answer post(User user, String path, String json) {
        return send(user, "POST", path, "application/json", BodyPublishers.ofString(json));
    }

    static Answer patch(User user, String path, String json) {
        return send(user, "PATCH", path, "application/merge-patch+json", BodyPublishers.ofString(json));
    }

    static Answer sendWithHeaders(User user, String method, String path, String json, String... headers) {
        return send(user, method, path, "application/json", BodyPublishers.ofString(json), headers);
    }

    static Answer send(
            User user, String method, String path, String contentType, BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : BASE + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (user.header != null) {
            request.header("Authorization", user.header);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every item of a paged list, following {@code next} 1,000 at a time; {@code path} may have a query already. */
    static java.util.List<jakarta.json.JsonObject> pages(User user, String path) {
        java.util.List<jakarta.json.JsonObject> items = new java.util.ArrayList<>();
        String after = null;
        do {
            jakarta.json.JsonObject page = get(
                            user,
                            path + (path.contains("?") ? "&" : "?") + "limit=1000"
                                    + (after == null ? "" : "&after=" + after))
                    .expect(200)
                    .json();
            page.getJsonArray("items")
                    .getValuesAs(jakarta.json.JsonObject.class)
                    .forEach(items::add);
            jakarta.json.JsonValue next = page.get("next");
            after = next == null || next.getValueType() == jakarta.json.JsonValue.ValueType.NULL
                    ? null
                    : page.getString("next");
        } while (after != null);
        return items;
    }

    /** An email address no other test uses, so that tests never share data. */
    static String uniqueEmail() {
        return "it-" + UUID.randomUUID() + "@example.com";
    }

    /** A valid French mobile number (06 1x xx xx xx, an allocated range) that no other test uses. */
    /**
     * A French mobile number no other test uses, in all likelihood: one of 80 million valid ones (06 followed by 0, 1,
     * 2, 4 to 8). Until 2026-12-06 one of ten million (061…), and the PostgreSQL run, whose database holds every
     * earlier test's people, once found a "new" number taken.
     */
    static String uniqueFrenchMobile() {
        long n = Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 80_000_000L);
        return String.format("+336%c%07d", "01245678".charAt((int) (n / 10_000_000L)), n % 10_000_000L);
    }

    static String uniqueKey(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a B2C contact in France with the given email and returns its id. */
    static String createContact(String email) {
        return post(User.INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(email))
                .expect(201)
                .json()
                .getString("id");
    }
}
