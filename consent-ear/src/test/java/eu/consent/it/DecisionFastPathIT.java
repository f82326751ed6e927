package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plain single decision is answered in front of JAX-RS (README, "How a decision is answered"): it must give the
 * answer JAX-RS gives to the same question, and everything that is not plain must still reach JAX-RS's checks.
 */
class DecisionFastPathIT {

    /** JAX-RS's own count of the decisions it answered: the plain ones never reach it. */
    private static final String JAX_RS_DECISIONS = "REST_request_seconds_count";

    private static final String DECIDE = "decide_eu.consent.web.eligibility.DecisionRequest";

    @Test
    void plainAndNegotiatedDecisionsGetTheSameAnswers() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String granted = Api.uniqueEmail();
        String id = Api.createContact(granted);
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(id, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        String optedOut = Api.uniqueEmail();
        String other = Api.createContact(optedOut);
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(other, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        Api.post(
                        ADMIN,
                        "/api/v1/suppressions",
                        "{\"email\":\"" + optedOut + "\",\"channel\":\"EMAIL\",\"reason\":\"MANUAL\"}")
                .expect(201);
        List<String> questions = List.of(
                "{\"email\":\"" + granted + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\"}",
                "{\"contactId\":\"" + id + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"SMS\"}",
                "{\"email\":\"" + optedOut + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\"}",
                "{\"email\":\"" + Api.uniqueEmail() + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\"}",
                "{\"phone\":\"" + Api.uniqueFrenchMobile() + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"SMS\"}");

        double before = jaxRsDecisions();
        List<String> rules = new ArrayList<>();
        for (String question : questions) {
            Api.Answer plain = Api.post(CAMPAIGN, "/api/v1/decisions", question).expect(200);
            Api.Answer negotiated = Api.send(
                            CAMPAIGN,
                            "POST",
                            "/api/v1/decisions",
                            "application/json; charset=UTF-8",
                            BodyPublishers.ofString(question),
                            "Accept",
                            "application/json, */*;q=0.1")
                    .expect(200);
            assertEquals(negotiated.body(), plain.body(), question);
            assertEquals(negotiated.header("Content-Type"), plain.header("Content-Type"), question);
            assertEquals(negotiated.header("Content-Length"), plain.header("Content-Length"), question);
            rules.add(plain.json().getString("rule"));
        }
        assertEquals(
                List.of("CONSENT_GRANTED", "NO_CONSENT", "SUPPRESSED_MANUAL", "UNKNOWN_CONTACT", "UNKNOWN_CONTACT"),
                rules,
                "the questions cover an allowed answer and several refusals");
        assertEquals(
                questions.size(),
                jaxRsDecisions() - before,
                "only the negotiated questions reached JAX-RS: the plain ones were answered before it");
    }

    @Test
    void whatIsNotPlainStillMeetsEveryCheck() {
        String purpose = Fixtures.purpose(false);
        String question =
                "{\"email\":\"" + Api.uniqueEmail() + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\"}";
        // refusals found in the body: JAX-RS reads the same bytes again and answers them
        Api.post(CAMPAIGN, "/api/v1/decisions", "{\"email\":").problem(400);
        assertEquals(
                "extra",
                Api.post(CAMPAIGN, "/api/v1/decisions", question.replace("{", "{\"extra\":\"x\","))
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
        assertEquals(
                "purpose",
                Api.post(CAMPAIGN, "/api/v1/decisions", question.replace(purpose, "no-such-purpose"))
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
        Api.post(CAMPAIGN, "/api/v1/decisions", "null").problem(422);
        // refusals found in the request's head
        Api.post(INTEGRATION, "/api/v1/decisions", question).problem(403);
        Api.post(AUDITOR, "/api/v1/decisions", question).problem(403);
        Api.post(Api.User.NOBODY, "/api/v1/decisions", question).problem(401);
        assertEquals(
                "urn:consent:problem:cross-site-request",
                Api.sendWithHeaders(CAMPAIGN, "POST", "/api/v1/decisions", question, "Origin", "https://evil.example")
                        .problem(403)
                        .getString("type"));
        assertEquals(
                "urn:consent:problem:cross-site-request",
                Api.sendWithHeaders(CAMPAIGN, "POST", "/api/v1/decisions", question, "Sec-Fetch-Site", "cross-site")
                        .problem(403)
                        .getString("type"));
        assertEquals(
                "no acceptable representation for Accept: text/csv; this endpoint answers application/json",
                Api.sendWithHeaders(CAMPAIGN, "POST", "/api/v1/decisions", question, "Accept", "text/csv")
                        .problem(406)
                        .getString("detail"));
        Api.send(CAMPAIGN, "POST", "/api/v1/decisions", "text/plain", BodyPublishers.ofString(question))
                .problem(415);
        char[] padding = new char[1_048_577];
        Arrays.fill(padding, ' ');
        Api.post(CAMPAIGN, "/api/v1/decisions", question + new String(padding)).problem(413);
        // a valid question too large to be plain (JSON allows the padding) is answered by JAX-RS
        assertEquals(
                "UNKNOWN_CONTACT",
                Api.post(CAMPAIGN, "/api/v1/decisions", question + " ".repeat(20_000))
                        .expect(200)
                        .json()
                        .getString("rule"));
        // and the plain question itself, from both roles that may ask it
        assertEquals(
                "UNKNOWN_CONTACT",
                Api.post(CAMPAIGN, "/api/v1/decisions", question)
                        .expect(200)
                        .json()
                        .getString("rule"));
        assertEquals(
                "UNKNOWN_CONTACT",
                Api.post(ADMIN, "/api/v1/decisions", question)
                        .expect(200)
                        .json()
                        .getString("rule"));
    }

    /** An Accept no parser can read is left out before the fast path: the decision is as plain as one without. */
    @Test
    void anAcceptThatCannotBeReadIsDisregardedBeforeTheFastPath() {
        String purpose = Fixtures.purpose(false);
        String question =
                "{\"email\":\"" + Api.uniqueEmail() + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\"}";
        double before = jaxRsDecisions();
        for (String accept : new String[] {"garbage!!", "application/json;q=abc"}) {
            RawHttp.Answer answer = RawHttp.send(
                    CAMPAIGN,
                    "POST",
                    "/api/v1/decisions",
                    question,
                    "Content-Type",
                    "application/json",
                    "Accept",
                    accept);
            assertEquals(200, answer.status(), accept + " " + answer);
            assertTrue(answer.body().contains("\"rule\":\"UNKNOWN_CONTACT\""), answer.body());
        }
        assertEquals(0, jaxRsDecisions() - before, "answered in front of JAX-RS, as plain decisions are");
    }

    private static double jaxRsDecisions() {
        String exposition = Api.get(Api.User.NOBODY, "/metrics").expect(200).body();
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(JAX_RS_DECISIONS + "{")
                    && line.contains("class=\"eu.consent.web.eligibility.DecisionResource\"")
                    && line.contains("method=\"" + DECIDE + "\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertTrue(exposition.contains(JAX_RS_DECISIONS), "JAX-RS counts its requests");
        return sum;
    }
}
