package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static eu.consent.it.Api.User.NOBODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecurityIT {

    @Test
    void noCredentialsIs401WithAChallengeAndAProblem() {
        Api.Answer answer = Api.get(NOBODY, "/api/v1/purposes");
        answer.problem(401);
        assertTrue(answer.header("WWW-Authenticate").startsWith("Basic"));
        assertTrue(
                answer.raw().headers().map().keySet().stream().noneMatch(name -> name.startsWith("$")),
                "no private header of the server's error-page machinery ($WSEP names the server to a scanner): "
                        + answer.raw().headers().map().keySet());
        Api.post(NOBODY, "/api/v1/contacts", "{}").problem(401);
        Api.get(NOBODY, "/api/v1/audit").problem(401);
    }

    @Test
    void aWrongPasswordIs401() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(Api.BASE + "/api/v1/purposes"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, answer.statusCode());
        assertEquals(
                "application/problem+json",
                answer.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
    }

    @Test
    void eachRoleReachesOnlyItsOwnResources() {
        String contact = "{\"email\":\"" + Api.uniqueEmail()
                + "\",\"country\":\"FR\",\"locale\":\"fr\",\"audience\":\"B2C\",\"customer\":false}";
        Api.post(CAMPAIGN, "/api/v1/contacts", contact).problem(403);
        Api.post(AUDITOR, "/api/v1/contacts", contact).problem(403);
        String id = Api.post(INTEGRATION, "/api/v1/contacts", contact)
                .expect(201)
                .json()
                .getString("id");
        Api.get(AUDITOR, "/api/v1/contacts/" + id).expect(200);
        Api.get(CAMPAIGN, "/api/v1/contacts/" + id).problem(403);
        Api.get(ADMIN, "/api/v1/contacts/" + id).expect(200);

        String purpose = PurposeIT.purpose(Api.uniqueKey("roles"));
        Api.post(INTEGRATION, "/api/v1/purposes", purpose).problem(403);
        Api.post(CAMPAIGN, "/api/v1/purposes", purpose).problem(403);
        Api.get(CAMPAIGN, "/api/v1/purposes").expect(200);

        Api.get(INTEGRATION, "/api/v1/audit").problem(403);
        Api.get(CAMPAIGN, "/api/v1/audit/verify").problem(403);
        Api.get(AUDITOR, "/api/v1/audit").expect(200);

        Api.post(AUDITOR, "/api/v1/jobs/audit-verify", "").problem(403);
    }

    @Test
    void answersCarryNoSessionCookie() {
        Api.Answer answer = Api.get(ADMIN, "/api/v1/purposes").expect(200);
        assertNull(answer.header("Set-Cookie"), "a stateless API hands out no cookie");
    }
}
