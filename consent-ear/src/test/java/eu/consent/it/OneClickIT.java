package eu.consent.it;

import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.INTEGRATION;
import static eu.consent.it.Api.User.NOBODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;

/**
 * RFC 8058 one-click as mail providers send it: {@code multipart/form-data} (the RFC's preferred encoding) or
 * URL-encoded, with whatever {@code Accept} header their client library adds; committed before the 200, repeats
 * change nothing; a form post in either encoding keeps its reason; an oversized body is refused and changes nothing;
 * headers that cannot be read change nothing either.
 */
class OneClickIT {

    static final String BOUNDARY = "----one-click-7MA4YWxkTrZu0gW";

    /** A multipart/form-data body of the fields (name, value, ...), delimited by {@link #BOUNDARY}. */
    static String multipart(String... fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append("--")
                    .append(BOUNDARY)
                    .append("\r\nContent-Disposition: form-data; name=\"")
                    .append(fields[i])
                    .append("\"\r\n\r\n")
                    .append(fields[i + 1])
                    .append("\r\n");
        }
        return body.append("--").append(BOUNDARY).append("--\r\n").toString();
    }

    private static Api.Answer post(String url, String type, String body, String accept) {
        return Api.send(NOBODY, "POST", url, type, BodyPublishers.ofString(body), "Accept", accept);
    }

    private static int events(String contact) {
        return Recipients.history(contact).size();
    }

    @Test
    void aMultipartOneClickWithAJsonAcceptUnsubscribesAndRepeatsChangeNothing() {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");

        Api.Answer answer = post(
                url,
                "multipart/form-data; boundary=" + BOUNDARY,
                multipart("List-Unsubscribe", "One-Click"),
                "application/json");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "committed before the 200");
        JsonObject decision = Recipients.decision(p.contact(), p.purpose(), "EMAIL");
        assertFalse(decision.getBoolean("allowed"));
        JsonObject withdraw = Recipients.history(p.contact()).getJsonObject(1);
        assertEquals("ONE_CLICK", withdraw.getString("source"));

        int before = events(p.contact());
        for (String accept : new String[] {"application/json", "*/*", "text/plain"}) {
            Api.Answer again = post(
                    url,
                    "multipart/form-data; boundary=" + BOUNDARY,
                    multipart("List-Unsubscribe", "One-Click"),
                    accept);
            assertEquals(200, again.status(), accept);
        }
        assertEquals(before, events(p.contact()), "repeating changes nothing");
        assertEquals(1, suppressions(p.contact()).size());
    }

    /**
     * A link asked for without a channel, for a person we hold a number for and no address: it is the text message's,
     * and its one-click unsubscribes them from texts (until 2026-12-07 it was an email link, and unsubscribed them from
     * nothing: tester AJ's doubts).
     */
    @Test
    void aLinkWithoutAChannelIsForTheChannelThePersonCanBeReachedOn() {
        String purpose = Fixtures.purpose(false);
        String contact = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"phone":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(Api.uniqueFrenchMobile()))
                .expect(201)
                .json()
                .getString("id");
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "SMS", "GRANT", Fixtures.notice(purpose, "fr", "Oui"), null))
                .expect(201);
        assertTrue(Recipients.decision(contact, purpose, "SMS").getBoolean("allowed"));
        String url = Recipients.links(contact, null).getString("unsubscribeUrl");
        Api.Answer answer = post(url, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click", "*/*");
        assertEquals(200, answer.status(), answer.body());
        assertFalse(Recipients.decision(contact, purpose, "SMS").getBoolean("allowed"), "unsubscribed from texts");
    }

    /**
     * A message went to an address; the CRM then moved that address to another contact (a de-duplication). The click on
     * the message's link is the word of whoever reads mail there: the address is unsubscribed wherever it is now.
     */
    @Test
    void aOneClickReachesTheAddressItsMessageWentToAfterItMovedToAnotherContact() {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
        Api.patch(
                        Api.User.INTEGRATION,
                        "/api/v1/contacts/" + p.contact(),
                        "{\"email\":null,\"phone\":\"" + Api.uniqueFrenchMobile() + "\"}")
                .expect(200);
        Recipients.Person now = Recipients.grantedOn(p.purpose(), "en", p.email());
        assertTrue(Recipients.decision(now.contact(), p.purpose(), "EMAIL").getBoolean("allowed"), "mailable before");

        Api.Answer answer = post(url, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click", "*/*");
        assertEquals(200, answer.status(), answer.body());
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(now.contact(), p.purpose(), "EMAIL").getString("rule"),
                "the address the message went to is unsubscribed where it is now");
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "and the link's contact too");
    }

    /**
     * The reverse order, all within one second: the CRM moves an address from A to a new contact B, then a campaign
     * mints A's link (to A's new address). The click is A's word, not B's: B is not unsubscribed. Until 2026-12-06 the
     * link held its issue time to the second, a release within that second counted as after it, and B was.
     */
    @Test
    void aLinkMintedJustAfterTheAddressMovedDoesNotReachItsNewHolder() {
        String purpose = Fixtures.purpose(false);
        String moved = Api.uniqueEmail();
        String a = Fixtures.b2bContact(moved, null);
        Api.patch(Api.User.INTEGRATION, "/api/v1/contacts/" + a, "{\"email\":\"" + Api.uniqueEmail() + "\"}")
                .expect(200);
        String b = Fixtures.b2bContact(moved, null);
        String url = Recipients.links(a, purpose).getString("unsubscribeUrl");

        Api.Answer answer = post(url, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click", "*/*");
        assertEquals(200, answer.status(), answer.body());
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(a, purpose, "EMAIL").getString("rule"));
        assertEquals(
                "B2B_OPT_OUT_REGIME",
                Recipients.decision(b, purpose, "EMAIL").getString("rule"),
                "the address's new holder never clicked");
    }

    @Test
    void aUrlEncodedOneClickWithAJsonAcceptUnsubscribesFromEverything() {
        Recipients.Person p = Recipients.granted("fr");
        String url = Recipients.links(p.contact(), null).getString("unsubscribeUrl");
        Api.Answer answer =
                post(url, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click", "application/json");
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("text/html"));
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));
    }

    @Test
    void aMultipartFormFromThePageKeepsItsReason() {
        Recipients.Person p = Recipients.granted("de");
        String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
        String token = Recipients.formToken(Recipients.get(url).body());
        long before = reasonCount("NEVER_SIGNED_UP");
        Api.Answer answer = post(
                url,
                "multipart/form-data; boundary=" + BOUNDARY,
                multipart("form", token, "reason", "NEVER_SIGNED_UP", "comment", "Nie angemeldet – wirklich"),
                "text/html");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        assertEquals(
                "UNSUBSCRIBE_LINK",
                Recipients.history(p.contact()).getJsonObject(1).getString("source"));
        assertEquals(before + 1, reasonCount("NEVER_SIGNED_UP"), "the reason counts in the statistics");
    }

    /** How many people gave this reason when leaving (the statistics count people, last 30 days). */
    private static long reasonCount(String reason) {
        return Api.get(AUDITOR, "/api/v1/stats/opt-outs?by=reason").expect(200).json().getJsonArray("buckets").stream()
                .map(v -> v.asJsonObject())
                .filter(b -> b.getString("key").equals(reason))
                .mapToLong(b -> b.getJsonNumber("count").longValue())
                .sum();
    }

    /**
     * A body larger than any form of the page is read no further and recorded as the link's one-click, without the
     * feedback it cannot read (tester AO's F2: until 2026-12-07 a 413, and the opt-out lost).
     */
    @Test
    void anOversizedBodyIsRecordedAsTheLinksOneClick() {
        Recipients.Person p = Recipients.granted("it");
        String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
        Api.Answer answer = post(
                url,
                "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click&reason=OTHER&comment=" + "x".repeat(64 * 1024),
                "application/json");
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("text/html"), "a page, not a problem document");
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        assertEquals(2, events(p.contact()));
        assertTrue(
                Api.get(AUDITOR, "/api/v1/contacts/" + p.contact() + "/export")
                                .body()
                                .indexOf("xxxxxxxx")
                        < 0,
                "nothing of the body kept");
    }

    /**
     * Headers no parser can read come with some mail providers' one-clicks: an Accept or Accept-Language is
     * disregarded and a Content-Type too (the page reads its body itself), so the opt-out is committed all the same.
     */
    @Test
    void aOneClickWithHeadersThatCannotBeReadIsCommittedAllTheSame() {
        for (String[] header : new String[][] {
            {"Accept", "text/html;q=abc"},
            {"Accept", "garbage!!"},
            {"Accept", "text/html, "},
            {"Accept-Language", ";;;q=abc"},
            {"Content-Type", "garbage"},
            {"Content-Type", "application/x-www-form-urlencoded, text/plain"}
        }) {
            String what = header[0] + ": " + header[1];
            Recipients.Person p = Recipients.granted("fr");
            String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
            String[] headers = header[0].equals("Content-Type")
                    ? header
                    : new String[] {"Content-Type", "application/x-www-form-urlencoded", header[0], header[1]};
            RawHttp.Answer answer = RawHttp.send(NOBODY, "POST", url, "List-Unsubscribe=One-Click", headers);
            assertEquals(200, answer.status(), what + " " + answer);
            assertEquals("text/html", answer.contentType(), what);
            assertFalse(answer.body().contains("Exception"), what + " " + answer);
            assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"), what + ": committed");
            assertFalse(Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"), what);
        }
    }

    private static JsonArray suppressions(String contact) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("suppressions");
    }
}
