package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ordinary answers are not incidents: a burst of 404, 409 and 422 answers leaves the server's FFDC folder (where
 * Liberty writes a file per unexpected exception, for operators to investigate) as it was.
 */
class FfdcIT {

    private static List<String> incidents() throws IOException {
        Path ffdc = Path.of(
                System.getProperty("it.wlp.dir"),
                "usr/servers/" + System.getProperty("it.server.name", "consentTest") + "/logs/ffdc");
        if (!Files.isDirectory(ffdc)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(ffdc)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("ffdc_"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void notFoundConflictAndInvalidAnswersCreateNoIncidentFile() throws Exception {
        String email = Api.uniqueEmail();
        String contact = """
                {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(email);
        Api.post(INTEGRATION, "/api/v1/contacts", contact).expect(201);
        List<String> before = incidents();
        for (int i = 0; i < 10; i++) {
            Api.get(INTEGRATION, "/api/v1/contacts/" + UUID.randomUUID()).problem(404);
            Api.get(ADMIN, "/api/v1/purposes/" + Api.uniqueKey("none")).problem(404);
            Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + Api.uniqueEmail() + "\"}")
                    .problem(404);
            Api.post(INTEGRATION, "/api/v1/contacts", contact).problem(409);
            Api.post(INTEGRATION, "/api/v1/contacts", contact.replace(email, "not-an-email"))
                    .problem(422);
        }
        Thread.sleep(1000); // incident files are written by the failing thread; leave a moment all the same
        assertEquals(before, incidents(), "no FFDC incident for ordinary answers");
    }
}
