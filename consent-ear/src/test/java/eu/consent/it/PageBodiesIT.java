package eu.consent.it;

import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.NOBODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the recipients' pages read from a POST: a form in either encoding a browser or a mail client uses
 * (URL-encoded or multipart), or no body at all (a plain POST, a form with no field set); anything else is not a form
 * and gets a 415 page in the person's language, never a 500 nor problem+json, and changes nothing.
 */
class PageBodiesIT {

    private static final String MULTIPART = "multipart/form-data; boundary=" + OneClickIT.BOUNDARY;

    private static Api.Answer post(String url, String contentType, String body) {
        return Api.send(
                NOBODY,
                "POST",
                url,
                contentType,
                body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body),
                "User-Agent",
                "IT-browser/3.0");
    }

    private static void assertRefusedAsAPage(Api.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("text/html"), answer.contentType());
        assertTrue(answer.body().contains("Nothing was changed"), answer.body());
    }

    @Test
    void thePreferenceCentreReadsAMultipartFormAndRefusesJson() {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());

        assertRefusedAsAPage(post(url, "application/json", "{\"action\":\"leave\"}"), 415);
        assertRefusedAsAPage(post(url, "text/plain", "action=leave"), 415);
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        // A box left unticked is not sent: only the page's own save may read a missing switch as "off". A plain POST
        // or an unknown action shows the form again, the person's choices as they stand.
        for (Api.Answer said : List.of(
                post(url, null, null),
                post(url, "application/x-www-form-urlencoded", "action=bogus"),
                post(url, MULTIPART, OneClickIT.multipart("comment", "hello")))) {
            assertEquals(422, said.status(), said.body());
            assertTrue(said.contentType().startsWith("text/html"), said.contentType());
            assertTrue(said.body().contains("Nothing was saved"), said.body());
            assertTrue(said.body().contains("checked"), "the switch still shows on: " + said.body());
        }
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        // A post that sends the page's fields is its form, action or not: the switch it sends on stays on.
        Api.Answer kept = post(url, "application/x-www-form-urlencoded", p.purpose() + ".EMAIL=on");
        assertEquals(303, kept.status(), kept.body());
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        Api.Answer saved = post(url, "application/x-www-form-urlencoded", "action=save");
        assertEquals(303, saved.status(), "the page's save with every box unticked: " + saved.body());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));

        Api.Answer left = post(url, MULTIPART, OneClickIT.multipart("action", "leave", "reason", "TOO_FREQUENT"));
        assertEquals(200, left.status(), left.body());
        assertTrue(left.body().contains("You are unsubscribed from everything"), left.body());
        assertFalse(Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"));
    }

    @Test
    void theLinkRequestReadsAMultipartFormAndAPlainPostIsAFormWithoutItsEmail() {
        String url = Api.BASE + "/preferences?lang=en";
        Api.Answer sent = post(url, MULTIPART, OneClickIT.multipart("email", Api.uniqueEmail()));
        assertEquals(200, sent.status(), sent.body());
        assertTrue(sent.body().contains("a message with the link is on its way"), sent.body());

        Api.Answer empty = post(url, null, null);
        assertEquals(422, empty.status(), "a plain POST names no address: the form again, " + empty.body());
        assertTrue(empty.contentType().startsWith("text/html"), empty.contentType());

        assertRefusedAsAPage(post(url, "application/json", "{\"email\":\"" + Api.uniqueEmail() + "\"}"), 415);
    }

    @Test
    void keepMeTakesAPlainPostOrAMultipartFormAndRefusesJsonAndOversizedBodies() {
        String contact = Fixtures.contact(Api.uniqueEmail(), "en");
        String url = Api.post(CAMPAIGN, "/api/v1/reactivation-links", "{\"contactId\":\"" + contact + "\"}")
                .expect(200)
                .json()
                .getString("url");

        assertRefusedAsAPage(post(url, "application/json", "{}"), 415);
        assertRefusedAsAPage(post(url, "application/x-www-form-urlencoded", "comment=" + "x".repeat(70_000)), 413);
        assertTrue(lastActiveAt(contact).isEmpty(), "nothing recorded yet");

        Api.Answer plain = post(url, null, null);
        assertEquals(200, plain.status(), "API.md: the POST records the person's act; " + plain.body());
        assertTrue(plain.contentType().startsWith("text/html"), plain.contentType());
        assertFalse(lastActiveAt(contact).isEmpty(), "the person's act moved lastActiveAt");

        Api.Answer multipart = post(url, MULTIPART, OneClickIT.multipart("go", "1"));
        assertEquals(200, multipart.status(), multipart.body());
    }

    private static String lastActiveAt(String contact) {
        jakarta.json.JsonObject c =
                Api.get(AUDITOR, "/api/v1/contacts/" + contact).expect(200).json();
        return c.isNull("lastActiveAt") ? "" : c.getString("lastActiveAt");
    }
}
