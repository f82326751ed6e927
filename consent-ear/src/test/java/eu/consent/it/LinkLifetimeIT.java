package eu.consent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Link lifetimes through the running server (defaults: preference links 90 days, unsubscribe links 365). A link
 * issued days ago is made as the server makes it, signed with the test server's development key (the key ring of
 * server.xml's default, {@code it.token.key} to change it), since no test can wait three months.
 */
class LinkLifetimeIT {

    private static final String KEY_ID = "dev1";
    private static final String KEY = System.getProperty("it.token.key", "dev-only-token-key-change-me");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

    private static Recipients.Mailbox mailbox;

    @BeforeAll
    static void startSmtp() {
        mailbox = new Recipients.Mailbox();
    }

    @AfterAll
    static void stopSmtp() {
        mailbox.close();
    }

    /** A token as the server signs it: base64url(payload) "." keyId "." base64url(HMAC-SHA256(keyId "." body)). */
    private static String sign(String payload) {
        try {
            String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((KEY_ID + "." + body).getBytes(StandardCharsets.US_ASCII));
            return body + "." + KEY_ID + "." + B64.encodeToString(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static long daysAgo(long days) {
        return Instant.now().minus(Duration.ofDays(days)).getEpochSecond();
    }

    /** A preference link issued at {@code issued} (epoch seconds), as the server signs it. */
    static String preferencesUrl(String contact, long issued) {
        return Api.BASE + "/preferences/" + sign("prefs|" + contact + "|" + issued);
    }

    private static String unsubscribeUrl(String contact, String purpose, long issued) {
        return Api.BASE + "/unsubscribe/" + sign("unsub|" + contact + "|" + purpose + "|EMAIL|" + issued);
    }

    @Test
    void theSignatureOfTheTestIsTheServers() {
        Recipients.Person p = Recipients.granted("en");
        String url = preferencesUrl(p.contact(), daysAgo(0));
        assertEquals(200, Recipients.get(url).statusCode(), "a link made here opens like one the server made");
    }

    @Test
    void anExpiredPreferenceLinkOffersAFreshOneByMailAndRevealsNothing() throws Exception {
        Recipients.Person p = Recipients.granted("de");
        assertEquals(
                200, Recipients.get(preferencesUrl(p.contact(), daysAgo(89))).statusCode());
        String old = preferencesUrl(p.contact(), daysAgo(91));

        HttpResponse<String> page = Recipients.get(old);
        assertEquals(410, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("This link has expired"), page.body());
        assertFalse(page.body().contains(p.email()));
        assertFalse(page.body().contains(p.contact()));
        assertFalse(page.body().contains(p.purpose()), "nothing of the person's choices is shown");
        assertFalse(page.body().contains("<html lang=\"de\">"), "not even the person's language");

        // Its receipts page answers as the centre it belongs to: expired, naming nobody, the same way to a fresh link.
        HttpResponse<String> receipts = Recipients.get(old + "/receipts");
        assertEquals(410, receipts.statusCode(), receipts.body());
        assertTrue(receipts.body().contains("This link has expired"), receipts.body());
        assertFalse(receipts.body().contains(p.email()));
        assertFalse(receipts.body().contains(p.contact()));
        Matcher fromReceipts = ACTION.matcher(receipts.body());
        assertTrue(fromReceipts.find(), receipts.body());
        assertTrue(fromReceipts.group(1).startsWith("/preferences?"), fromReceipts.group(1));
        assertEquals(
                200,
                Recipients.get(preferencesUrl(p.contact(), daysAgo(89)) + "/receipts")
                        .statusCode());

        // Saving through the old link changes nothing, even with a form token of its own page.
        HttpResponse<String> save = Recipients.post(
                old, Map.of("form", Recipients.formToken(page.body()), "action", "leave", "reason", "OTHER"));
        assertEquals(410, save.statusCode());
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));

        // The page's form is the "send me my link" request: the mailbox owner gets a fresh, working link.
        Matcher action = ACTION.matcher(page.body());
        assertTrue(action.find(), page.body());
        String target = action.group(1).replace("&#61;", "=");
        assertTrue(target.startsWith("/preferences?"), target);
        HttpResponse<String> sent = Recipients.post(
                Api.BASE + target, Map.of("form", Recipients.formToken(page.body()), "email", p.email()));
        assertEquals(200, sent.statusCode(), sent.body());
        MimeMessage message = mailbox.await(p.email(), 1).get(0);
        String fresh = Recipients.Mailbox.link(message, "/preferences/");
        HttpResponse<String> opened = Recipients.get(fresh);
        assertEquals(200, opened.statusCode());
        assertTrue(opened.body().contains("name=\"" + p.purpose() + ".EMAIL\""));
    }

    @Test
    void unsubscribeLinksWorkForAYearThenOfferAFreshLinkInsteadOfActing() {
        Recipients.Person p = Recipients.granted("fr");
        String old = unsubscribeUrl(p.contact(), p.purpose(), daysAgo(366));
        for (HttpResponse<String> answer :
                List.of(Recipients.get(old), Recipients.post(old, Map.of("List-Unsubscribe", "One-Click")))) {
            assertEquals(410, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("name=\"email\""), "the way to a fresh link");
            assertFalse(answer.body().contains(p.email()));
        }
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));

        String stillValid = unsubscribeUrl(p.contact(), p.purpose(), daysAgo(364));
        assertEquals(
                200,
                Recipients.post(stillValid, Map.of("List-Unsubscribe", "One-Click"))
                        .statusCode());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
    }

    @Test
    void aTokenSpelledAnotherWayIsNotTheSameLink() {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = url.charAt(url.length() - 1);
        char variant = alphabet.charAt(alphabet.indexOf(last) ^ 1); // differs only in a bit base64 leaves unused
        assertEquals(
                404,
                Recipients.get(url.substring(0, url.length() - 1) + variant).statusCode());
        assertEquals(200, Recipients.get(url).statusCode());
    }
}
