package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/stats/opt-outs/comments: why people leave, in their words, newest first, never who they are. */
class OptOutCommentsIT {

    private static Recipients.Person leaveWith(String reason, String comment) {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
        assertEquals(
                200,
                Recipients.post(url, Map.of("reason", reason, "comment", comment))
                        .statusCode());
        return p;
    }

    @Test
    void commentsAreListedNewestFirstWithReasonAndPurposeButNoIdentity() throws Exception {
        String marker = "it-" + java.util.UUID.randomUUID();
        Recipients.Person first = leaveWith("TOO_FREQUENT", marker + " first: every day is too much");
        Thread.sleep(20);
        Recipients.Person second = leaveWith("NOT_RELEVANT", marker + " second: not for me");
        String from = Instant.now().minusSeconds(600).toString();

        JsonObject page = Api.get(AUDITOR, "/api/v1/stats/opt-outs/comments?from=" + from + "&limit=1000")
                .expect(200)
                .json();
        JsonArray items = page.getJsonArray("items");
        int secondAt = indexOf(items, marker + " second");
        int firstAt = indexOf(items, marker + " first");
        assertTrue(secondAt >= 0 && firstAt > secondAt, "newest first: " + items);
        JsonObject c = items.getJsonObject(firstAt);
        assertEquals("TOO_FREQUENT", c.getString("reason"));
        assertEquals(first.purpose(), c.getString("purpose"));
        assertEquals("EMAIL", c.getString("channel"));
        Instant.parse(c.getString("occurredAt"));
        String all = page.toString();
        for (Recipients.Person p : new Recipients.Person[] {first, second}) {
            assertFalse(all.contains(p.contact()), "never the contact's id");
            assertFalse(all.contains(p.email()), "never the email");
        }

        JsonArray onePurpose = Api.get(
                        ADMIN, "/api/v1/stats/opt-outs/comments?from=" + from + "&purpose=" + second.purpose())
                .expect(200)
                .json()
                .getJsonArray("items");
        assertEquals(1, onePurpose.size(), onePurpose.toString());
        assertEquals("NOT_RELEVANT", onePurpose.getJsonObject(0).getString("reason"));

        String future = Instant.now().plusSeconds(3600).toString();
        String later = Instant.now().plusSeconds(7200).toString();
        assertEquals(
                0,
                Api.get(AUDITOR, "/api/v1/stats/opt-outs/comments?from=" + future + "&to=" + later)
                        .expect(200)
                        .json()
                        .getJsonArray("items")
                        .size(),
                "a period without opt-outs has no comments");
    }

    /**
     * People type who they are into the comment; the list shows why they left, with their email and phone masked, while
     * their own access export keeps the comment as they typed it.
     */
    @Test
    void anEmailOrPhoneTypedIntoACommentIsMaskedInTheList() {
        String marker = "typed-" + java.util.UUID.randomUUID();
        String phone = "+33 6 " + Api.uniqueFrenchMobile().substring(4).replaceAll("(\\d\\d)(?=\\d)", "$1 ");
        Recipients.Person p = Recipients.granted("en");
        // Also as French people write numbers: with slashes, spaced dashes, the narrow no-break space of French
        // typography (until 2026-12-07 these three were shown as typed, tester AZ's F4).
        String typed = marker + " I am Jane, " + p.email() + ", call me on " + phone + " instead, or 01/42/68/53/00,"
                + " 04 - 78 - 12 - 34 - 56, 06\u202f98\u202f76\u202f54\u202f32"
                // split by a textarea's line break, or grouped with middle dots (tester BA's F7)
                + ", 06 11 22\n33 44, 06\u00b798\u00b776\u00b754\u00b731"
                // an address written out or escaped (tester BE's F2)
                + ", jo (at) gmail (dot) com, jo%40gmail.com, jo\uff20gmail.com";
        String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
        assertEquals(
                200,
                Recipients.post(url, Map.of("reason", "OTHER", "comment", typed))
                        .statusCode());

        String from = Instant.now().minusSeconds(600).toString();
        JsonArray items = Api.get(AUDITOR, "/api/v1/stats/opt-outs/comments?from=" + from + "&limit=1000")
                .expect(200)
                .json()
                .getJsonArray("items");
        String shown = items.getJsonObject(indexOf(items, marker)).getString("comment");
        assertEquals(
                marker
                        + " I am Jane, [email], call me on [phone] instead, or [phone], [phone], [phone], [phone], [phone],"
                        + " [email], [email], [email]",
                shown);
        JsonObject feedback = Api.get(AUDITOR, "/api/v1/contacts/" + p.contact() + "/export")
                .expect(200)
                .json()
                .getJsonArray("feedback")
                .getJsonObject(0);
        assertEquals(typed, feedback.getString("comment"), "the person's own export keeps their words");
    }

    @Test
    void pagesFollowTheCursorWithoutRepeats() {
        String marker = "paging-" + java.util.UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            leaveWith("OTHER", marker + " " + i);
        }
        String from = Instant.now().minusSeconds(600).toString();
        String path = "/api/v1/stats/opt-outs/comments?from=" + from + "&limit=1";
        JsonObject one = Api.get(AUDITOR, path).expect(200).json();
        assertEquals(1, one.getJsonArray("items").size());
        String next = one.getString("next");
        JsonObject two = Api.get(AUDITOR, path + "&after=" + next).expect(200).json();
        assertNotEquals(
                one.getJsonArray("items").getJsonObject(0).getString("comment"),
                two.getJsonArray("items").getJsonObject(0).getString("comment"));
    }

    @Test
    void onlyTheAuditorAndTheAdminReadThemAndBadQueriesAreProblems() {
        String path = "/api/v1/stats/opt-outs/comments";
        Api.get(CAMPAIGN, path).problem(403);
        Api.get(INTEGRATION, path).problem(403);
        Api.get(Api.User.NOBODY, path).problem(401);
        assertEquals(
                "from",
                Api.get(AUDITOR, path + "?from=yesterday")
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
        Api.get(AUDITOR, path + "?from=2026-02-01&to=2026-01-01").problem(422);
        Api.get(AUDITOR, path + "?limit=0").problem(422);
        Api.get(AUDITOR, path + "?after=not-a-cursor").problem(422);
    }

    private static int indexOf(JsonArray items, String prefix) {
        for (int i = 0; i < items.size(); i++) {
            if (items.getJsonObject(i).getString("comment").startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
