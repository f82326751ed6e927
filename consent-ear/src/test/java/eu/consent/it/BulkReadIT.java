package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Personal data in bulk: the narrowest role, nobody who may not be mailed, and an audit entry for every read. */
class BulkReadIT {

    /** The audit entries of bulk reads written since {@code from}, as text. */
    private static String bulkReadsSince(Instant from) {
        JsonArray items = Api.get(AUDITOR, "/api/v1/audit?limit=1000&from=" + from)
                .expect(200)
                .json()
                .getJsonArray("items");
        StringBuilder reads = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            JsonObject e = items.getJsonObject(i);
            if (e.getString("action").equals("PERSONAL_DATA_READ")) {
                reads.append(e).append('\n');
            }
        }
        return reads.toString();
    }

    /** A new source, set up by a one-line snapshot: one that has an outbound file. */
    private static String knownSource(String prefix) {
        String known = Api.uniqueKey(prefix);
        Api.send(
                        INTEGRATION,
                        "PUT",
                        "/api/v1/suppression-sources/" + known + "/snapshot",
                        "text/csv",
                        BodyPublishers.ofString(Api.uniqueEmail() + ",HARD_BOUNCE,\n"))
                .expect(202);
        return known;
    }

    /** A moment just before the next request (the server's clock is this machine's). */
    private static Instant now() {
        return Instant.now().minusMillis(200);
    }

    @Test
    void theReactivationFileGoesToTheSendingSystemAndEachDownloadIsAudited() {
        JsonObject refused = Api.sendWithHeaders(
                        CAMPAIGN, "GET", "/api/v1/reactivation-candidates", "", "Accept", "text/csv")
                .problem(403);
        assertTrue(refused.getString("detail").contains("integration"), refused.toString());
        String list = Api.get(CAMPAIGN, "/api/v1/reactivation-candidates?limit=1000")
                .expect(200)
                .body();
        assertFalse(list.contains("\"email\"") || list.contains("\"phone\""), "a campaign plans by id: " + list);

        Instant before = now();
        Api.Answer csv =
                Api.sendWithHeaders(INTEGRATION, "GET", "/api/v1/reactivation-candidates", "", "Accept", "text/csv");
        csv.expect(200);
        // An Accept that admits the role's own type is answered in it (tester BK's F2: a 403 until 2026-12-08).
        for (String accept : java.util.List.of("*/*", "text/csv;q=0.5, application/json")) {
            Api.Answer sent =
                    Api.sendWithHeaders(INTEGRATION, "GET", "/api/v1/reactivation-candidates", "", "Accept", accept);
            assertTrue(sent.expect(200).header("Content-Type").startsWith("text/csv"), accept);
        }
        Api.Answer read = Api.sendWithHeaders(
                AUDITOR, "GET", "/api/v1/reactivation-candidates", "", "Accept", "text/csv, application/json;q=0.5");
        assertTrue(read.expect(200).header("Content-Type").startsWith("application/json"), read::body);
        String reads = bulkReadsSince(before);
        assertTrue(reads.contains("reactivation-candidates") && reads.contains("\"integration\""), reads);
    }

    /** A page of the suppression list names addresses in clear: each read is audited, a source filter's address masked. */
    @Test
    void eachPageOfTheSuppressionListIsAudited() {
        Instant before = now();
        String crm = "crm " + Api.uniqueEmail();
        Api.get(AUDITOR, "/api/v1/suppressions?channel=EMAIL&limit=5").expect(200);
        Api.get(
                        Api.User.ADMIN,
                        "/api/v1/suppressions?source="
                                + java.net.URLEncoder.encode(crm, java.nio.charset.StandardCharsets.UTF_8))
                .expect(200);
        String reads = bulkReadsSince(before);
        assertTrue(reads.contains("\"list\":\"suppressions\"") && reads.contains("\"auditor\""), reads);
        assertTrue(reads.contains("\"channel\":\"EMAIL\"") && reads.contains("\"admin\""), reads);
        assertTrue(reads.contains("crm [email]"), "the filter is kept, its address masked: " + reads);
        assertFalse(reads.contains(crm), reads);
    }

    @Test
    void anOutboundFileExistsOnlyForAKnownSourceAndIsAudited() {
        String source = Api.uniqueKey("never");
        SuppressionSourceIT.outbound(source, "").problem(404);

        String known = knownSource("esp");
        Instant before = now();
        SuppressionSourceIT.outbound(known, "").expect(200);
        String reads = bulkReadsSince(before);
        assertTrue(reads.contains("outbound") && reads.contains(known), reads);
    }

    /**
     * What a client types in a filter goes into the audit, which is kept for ever and no erasure reaches: an address or
     * a number typed where a date goes is a 422 that read nothing and is not on record as a read; an export's segment
     * values are kept as keyed hashes. Until 2026-12-06 both were kept as typed, and a residue search found them after the erasure.
     */
    @Test
    void anAddressTypedInAFilterIsNeitherAReadNorKeptInTheAudit() {
        String known = knownSource("typed");
        String email = Api.uniqueEmail();
        Instant before = now();
        SuppressionSourceIT.outbound(known, "?since=" + email).problem(422);
        assertFalse(bulkReadsSince(before).contains(known), "a refused request read nothing");

        Api.sendWithHeaders(
                        AUDITOR,
                        "GET",
                        "/api/v1/exports/contacts?attr.email=" + email + "&attr.tier=gold",
                        "",
                        "Accept",
                        "text/csv")
                .expect(200);
        String audit = Api.get(AUDITOR, "/api/v1/audit?limit=1000&from=" + before)
                .expect(200)
                .body();
        assertTrue(audit.contains("CONTACTS_EXPORTED") && audit.contains("attr.tier"), audit);
        // No value of a segment, which may name someone (AE-F1): a keyed hash, the same for the same value.
        assertFalse(audit.contains(email) || audit.contains("gold"), audit);
        assertTrue(audit.contains("hmac:"), audit);
    }

    @Test
    void anIntegrationFollowsItsImportJobAndReadingRejectsIsAudited() throws Exception {
        Api.Answer accepted = ImportIT.upload(
                "",
                "text/csv",
                ("email,country,locale,audience,customer\nnot-an-email,FR,fr,B2C,false\n")
                        .getBytes(StandardCharsets.UTF_8));
        accepted.expect(202);
        String id = accepted.json().getString("id");
        JsonObject progress = ImportIT.await(id);
        long execution = progress.getJsonNumber("executionId").longValue();
        JsonObject seen = Api.get(INTEGRATION, "/api/v1/jobs/executions/" + execution)
                .expect(200)
                .json();
        assertEquals("contact-import", seen.getString("jobName"), seen.toString());

        long verify = Api.post(ADMIN, "/api/v1/jobs/audit-verify", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        Api.get(INTEGRATION, "/api/v1/jobs/executions/" + verify).problem(404);
        JobIT.awaitEnd(verify);

        Instant before = now();
        Api.get(INTEGRATION, "/api/v1/imports/" + id + "/rejects").expect(200);
        String reads = bulkReadsSince(before);
        assertTrue(reads.contains("import-rejects") && reads.contains(id), reads);
    }
}
