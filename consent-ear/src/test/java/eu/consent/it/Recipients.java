package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the recipients' pages tests share: a person with a consent, their links, a form-posting client, a mailbox. */
final class Recipients {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"form\" value=\"([^\"]+)\"");

    private Recipients() {}

    /** A contact (email, given locale) granted on a fresh prospecting purpose by email, with its notice. */
    record Person(String contact, String email, String purpose, String notice) {}

    static Person granted(String locale) {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, locale, "Notice " + locale + " for " + purpose);
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, locale);
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        return new Person(contact, email, purpose, notice);
    }

    /** Another contact (email, given locale) granted on an existing purpose, with a notice of its own locale. */
    static Person grantedOn(String purpose, String locale) {
        return grantedOn(purpose, locale, Api.uniqueEmail());
    }

    /** A contact holding {@code email} granted on an existing purpose, with a notice of its own locale. */
    static Person grantedOn(String purpose, String locale, String email) {
        String notice = Fixtures.notice(purpose, locale, "Notice " + locale + " for " + purpose);
        String contact = Fixtures.contact(email, locale);
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        return new Person(contact, email, purpose, notice);
    }

    /** A SERVICE purpose on email (order updates), which no preference may switch off. */
    static String servicePurpose() {
        String key = Api.uniqueKey("orders");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"SERVICE","channels":["EMAIL"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"fr":"Suivi de commande","en":"Order updates",
                         "de":"Bestellstatus","it":"Stato degli ordini"}}""".formatted(key)).expect(201);
        return key;
    }

    static JsonObject links(String contact, String purpose) {
        String body = purpose == null
                ? "{\"contactId\":\"" + contact + "\"}"
                : "{\"contactId\":\"" + contact + "\",\"purpose\":\"" + purpose + "\"}";
        return Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", body).expect(200).json();
    }

    static String preferencesUrl(String contact) {
        return links(contact, null).getString("preferencesUrl");
    }

    static JsonObject decision(String contact, String purpose, String channel) {
        return Api.post(CAMPAIGN, "/api/v1/decisions", """
                        {"contactId":"%s","purpose":"%s","channel":"%s"}""".formatted(contact, purpose, channel))
                .expect(200)
                .json();
    }

    /** The current state of the contact's (purpose, channel), or NONE. */
    static String state(String contact, String purpose, String channel) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents").structure().asJsonArray().stream()
                .map(v -> v.asJsonObject())
                .filter(s -> s.getString("purpose").equals(purpose)
                        && s.getString("channel").equals(channel))
                .map(s -> s.getString("state"))
                .findFirst()
                .orElse("NONE");
    }

    static JsonArray history(String contact) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents/history")
                .structure()
                .asJsonArray();
    }

    static HttpResponse<String> get(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** Posts a form as a browser would (User-Agent set), with extra headers (name, value, ...). */
    static HttpResponse<String> post(String url, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "IT-browser/2.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** Posts form fields given as name and value pairs, a name repeated for each value (ticked boxes of one name). */
    static HttpResponse<String> postPairs(String url, List<String[]> fields) {
        String body = fields.stream().map(f -> enc(f[0]) + "=" + enc(f[1])).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "IT-browser/2.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * The first form of a page as a browser posts it untouched: its hidden fields, ticked boxes, filled fields and
     * chosen options (disabled ones left out), in the page's order but for the options, which come last.
     */
    static List<String[]> asShown(String html) {
        int start = html.indexOf("<form");
        String form = html.substring(start, html.indexOf("</form>", start));
        List<String[]> fields = new java.util.ArrayList<>();
        Matcher input = Pattern.compile("<input ([^>]*)>").matcher(form);
        while (input.find()) {
            String attributes = input.group(1);
            String name = attribute(attributes, "name");
            String type = attribute(attributes, "type");
            boolean box = "checkbox".equals(type) || "radio".equals(type);
            if (name == null || attributes.contains(" disabled") || (box && !attributes.contains(" checked"))) {
                continue;
            }
            String value = attribute(attributes, "value");
            fields.add(new String[] {name, value == null ? "" : unescape(value)});
        }
        Matcher select = Pattern.compile("<select name=\"([^\"]+)\"[^>]*>(.*?)</select>", Pattern.DOTALL)
                .matcher(form);
        while (select.find()) {
            Matcher chosen =
                    Pattern.compile("<option value=\"([^\"]*)\" selected").matcher(select.group(2));
            Matcher first = Pattern.compile("<option value=\"([^\"]*)\"").matcher(select.group(2));
            fields.add(
                    new String[] {select.group(1), chosen.find() ? chosen.group(1) : first.find() ? first.group(1) : ""
                    });
        }
        return fields;
    }

    private static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile("(?:^|\\s)" + name + "=\"([^\"]*)\"").matcher(attributes);
        return m.find() ? m.group(1) : null;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** The hidden anti-forgery token of the page's form. */
    static String formToken(String html) {
        Matcher m = FORM_TOKEN.matcher(html);
        assertTrue(m.find(), "the page has a form token: " + html);
        return m.group(1);
    }

    /** The page with its form tokens blanked, to compare two answers that differ only by the moment they were made. */
    static String withoutFormTokens(String html) {
        return FORM_TOKEN.matcher(html).replaceAll("name=\"form\" value=\"\"");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A real SMTP server (GreenMail) on the port the test server relays its mail to. */
    static final class Mailbox implements AutoCloseable {
        private final GreenMail smtp;

        Mailbox() {
            smtp = new GreenMail(
                    new ServerSetup(Integer.getInteger("it.smtp.port", 3925), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }

        List<MimeMessage> to(String email) {
            return Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> recipients(m).contains(email))
                    .toList();
        }

        /** Waits (up to 30 s) until {@code count} messages reached {@code email}. */
        List<MimeMessage> await(String email, int count) throws InterruptedException {
            for (int i = 0; i < 300; i++) {
                List<MimeMessage> found = to(email);
                if (found.size() >= count) {
                    return found;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("fewer than " + count + " messages to " + email + " within 30 s");
        }

        /** The first link in a message's body to a path starting with {@code path} (e.g. /confirm/). */
        static String link(MimeMessage message, String path) {
            Matcher m = Pattern.compile("(http://\\S+" + Pattern.quote(path) + "\\S+)")
                    .matcher(GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "="));
            assertTrue(m.find(), "the message carries a link to " + path);
            return m.group(1);
        }

        private static String recipients(MimeMessage message) {
            try {
                return GreenMailUtil.getAddressList(message.getAllRecipients());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            smtp.stop();
        }
    }
}
