package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The keyed audit chain through the real server: the audit-verify job exports the verified head, signed, outside the
 * database (a file and a log line), and verify reports the chain keyed and passing through that head. Rewrites of
 * the tables themselves are proven on a real database by AuditStoreTest (the test server's embedded database cannot
 * be opened by a second process).
 */
class AuditKeyIT {

    @Test
    void theVerifiedHeadIsExportedSignedAndVerifyComparesTheChainWithIt() throws Exception {
        Api.createContact(Api.uniqueEmail());
        long id = Api.post(ADMIN, "/api/v1/jobs/audit-verify", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        JsonObject execution = JobIT.awaitEnd(id);
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());
        assertEquals("VALID", execution.getString("exitStatus"), execution.toString());

        JsonObject verification =
                Api.get(AUDITOR, "/api/v1/audit/verify").expect(200).json();
        assertTrue(verification.getBoolean("valid"), verification.toString());
        // A new database is keyed from entry 1; one made before the chain was keyed (a test database kept from an
        // earlier build) from the entry after its head at migration time, its older entries verified as plain.
        long keyedFrom = verification.getJsonNumber("keyedFrom").longValue();
        assertTrue(
                keyedFrom >= 1
                        && keyedFrom <= verification.getJsonNumber("entries").longValue(),
                verification.toString());
        JsonObject exported = verification.getJsonObject("exportedHead");
        assertTrue(exported.getBoolean("signed"), verification.toString());
        assertTrue(exported.getJsonNumber("seq").longValue() >= 1, verification.toString());
        assertEquals(64, exported.getString("signature").length());

        Path log = Path.of(
                System.getProperty("it.wlp.dir"),
                "usr/servers/" + System.getProperty("it.server.name", "consentTest") + "/logs/messages.log");
        // The server writes its log asynchronously: give the line a few seconds to reach the file.
        String signature = exported.getString("signature");
        String messages = Files.readString(log);
        for (int i = 0; i < 100 && !(messages.contains("audit head exported") && messages.contains(signature)); i++) {
            Thread.sleep(100);
            messages = Files.readString(log);
        }
        assertTrue(
                messages.contains("audit head exported") && messages.contains(signature),
                "the signed head is in the server log too");
    }
}
