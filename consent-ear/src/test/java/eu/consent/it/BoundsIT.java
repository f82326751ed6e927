package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Bounded inputs and failures that end cleanly: an overlong line, a body past the upload limit and a broken upload
 * each end a bulk decision with an error line (the request is freed, never left waiting on its reader); idempotency
 * keys reserved before the request runs, so concurrent retries run once.
 */
class BoundsIT {

    private static final int MAX_LINE = 8192;
    /** The test server's upload cap (consent.api.max-upload-bytes in the pom). */
    private static final int UPLOAD_LIMIT = 32 * 1024 * 1024;

    private static String prospecting() {
        return Fixtures.purpose(false);
    }

    private static List<JsonObject> ndjson(String body) {
        List<JsonObject> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.createReader(new StringReader(line)).readObject());
            }
        }
        return lines;
    }

    @Test
    void anOverlongBulkLineIsAnErrorLineAndTheListGoesOn() {
        String purpose = prospecting();
        String list = "{\"email\":\"" + Api.uniqueEmail() + "\"}\n"
                + "{\"email\":\"" + "a".repeat(MAX_LINE * 3) + "@example.com\"}\n"
                + "{\"email\":\"" + Api.uniqueEmail() + "\"}\n";
        Api.Answer answer = Api.send(
                        CAMPAIGN,
                        "POST",
                        "/api/v1/decisions/bulk?purpose=" + purpose + "&channel=EMAIL",
                        "application/x-ndjson",
                        BodyPublishers.ofString(list))
                .expect(200);
        List<JsonObject> lines = ndjson(answer.body());
        assertEquals(3, lines.size(), answer::body);
        assertEquals("UNKNOWN_CONTACT", lines.get(0).getString("rule"));
        assertEquals(2, lines.get(1).getInt("line"));
        assertEquals(
                "line longer than " + MAX_LINE + " characters", lines.get(1).getString("error"));
        assertEquals("UNKNOWN_CONTACT", lines.get(2).getString("rule"));
    }

    @Test
    void anOverlongSnapshotLineIsRefusedInTheReport() {
        String source = Api.uniqueKey("bounds");
        String csv = "identifier,reason,date\n" + Api.uniqueEmail() + ",HARD_BOUNCE,\n" + "x".repeat(MAX_LINE * 2)
                + "@example.com,HARD_BOUNCE,\n";
        JsonObject report = Api.send(
                        INTEGRATION,
                        "PUT",
                        "/api/v1/suppression-sources/" + source + "/snapshot",
                        "text/csv",
                        BodyPublishers.ofString(csv))
                .expect(202)
                .json()
                .getJsonObject("report");
        assertEquals(
                "line 3: longer than " + MAX_LINE + " characters",
                report.getJsonArray("rejections").getString(0),
                report::toString);
    }

    /** An import's row has the same limit as a snapshot's line, and its reject says the same figure. */
    @Test
    void anOverlongImportRowIsRejectedNamingTheConfiguredLimit() {
        String file = "email,country,locale,audience,customer,comment\n"
                + Api.uniqueEmail() + ",FR,fr,B2C,false," + "n".repeat(MAX_LINE) + "\n"
                + Api.uniqueEmail() + ",FR,fr,B2C,false," + "n".repeat(MAX_LINE - 200) + "\n";
        JsonObject done = ImportIT.importAndWait("", "text/csv", file);
        assertEquals(1, done.getInt("rejected"), done::toString);
        List<String> reject = ImportIT.rejects(done.getString("id")).get(2L);
        assertTrue(
                String.join(",", reject).contains("the row is longer than " + MAX_LINE + " characters"),
                reject::toString);
    }

    /**
     * A body past the upload limit, chunked, as one endless line: the reader thread stops at the limit and the answer
     * ends with an error line instead of leaving the request waiting for ever.
     */
    @Test
    void aBulkBodyPastTheUploadLimitEndsWithAnErrorLine() throws Exception {
        String purpose = prospecting();
        String answer = rawBulk(purpose, out -> {
            chunk(out, ("{\"email\":\"" + Api.uniqueEmail() + "\"}\n").getBytes(StandardCharsets.UTF_8));
            byte[] block = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int sent = 0; sent <= UPLOAD_LIMIT; sent += block.length) {
                chunk(out, block);
            }
            end(out);
        });
        List<JsonObject> lines = ndjson(answer);
        assertEquals("UNKNOWN_CONTACT", lines.get(0).getString("rule"), answer);
        JsonObject last = lines.get(lines.size() - 1);
        assertEquals(2, last.getInt("line"), answer);
        assertTrue(last.getString("error").contains("cut off"), answer);
    }

    /** An upload that breaks off (a malformed chunk) ends the answer with an error line too. */
    @Test
    void aBrokenUploadEndsWithAnErrorLine() throws Exception {
        String purpose = prospecting();
        String answer = rawBulk(purpose, out -> {
            chunk(out, ("{\"email\":\"" + Api.uniqueEmail() + "\"}\n").getBytes(StandardCharsets.UTF_8));
            out.write("zz-not-a-chunk\r\n{\"email\":".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
        List<JsonObject> lines = ndjson(answer);
        assertEquals("UNKNOWN_CONTACT", lines.get(0).getString("rule"), answer);
        assertTrue(lines.get(lines.size() - 1).getString("error").contains("could not be read"), answer);
    }

    private interface Upload {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Sends a bulk request over a raw socket (the upload on its own thread, so that a server that stops reading never
     * blocks the test) and returns the whole answer body; fails if the answer does not end within 60 s.
     */
    private static String rawBulk(String purpose, Upload upload) throws Exception {
        URI base = URI.create(Api.BASE);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            String auth = Base64.getEncoder().encodeToString("campaign:dev-campaign".getBytes(StandardCharsets.UTF_8));
            out.write(("POST /api/v1/decisions/bulk?purpose=" + purpose + "&channel=EMAIL HTTP/1.1\r\n"
                            + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                            + "Authorization: Basic " + auth + "\r\n"
                            + "Content-Type: application/x-ndjson\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Future<?> sending = writer.submit(() -> {
                try {
                    upload.write(out);
                } catch (IOException e) {
                    // the server may close its side once it has answered: the rest of the upload is not wanted
                }
                return null;
            });
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            String status = line(in);
            assertTrue(status.contains(" 200 "), status);
            boolean chunked = false;
            String header;
            while (!(header = line(in)).isEmpty()) {
                chunked |= header.toLowerCase().startsWith("transfer-encoding: chunked");
            }
            assertTrue(chunked, "the answer is streamed");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                int length = Integer.parseInt(line(in).split(";")[0].strip(), 16);
                if (length == 0) {
                    break;
                }
                byte[] data = new byte[length];
                in.readFully(data);
                body.write(data);
                line(in);
            }
            sending.cancel(true);
            return body.toString(StandardCharsets.UTF_8);
        } finally {
            writer.shutdownNow();
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the answer ended before its end (no last chunk): " + b);
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static void chunk(OutputStream out, byte[] bytes) throws IOException {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void end(OutputStream out) throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Concurrent retries with one key: the first reserves it, the others get 409 (or, once it answered, its replay);
     * the write happens once. Repeated a few rounds until the requests overlapped at least once.
     */
    @Test
    void concurrentRetriesWithOneKeyRunOnce() throws Exception {
        String purpose = prospecting();
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        boolean overlapped = false;
        for (int round = 0; round < 3 && !overlapped; round++) {
            String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
            String body = Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null);
            String key = Api.uniqueKey("race");
            int parallel = 8;
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Api.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Api.send(
                            INTEGRATION,
                            "POST",
                            "/api/v1/consents",
                            "application/json",
                            BodyPublishers.ofString(body),
                            "Idempotency-Key",
                            key);
                }));
            }
            start.countDown();
            int original = 0;
            int conflicts = 0;
            for (CompletableFuture<Api.Answer> f : answers) {
                Api.Answer a = f.get();
                if (a.status() == 409) {
                    assertTrue(a.problem(409).getString("detail").contains("still running"), a::body);
                    conflicts++;
                } else {
                    assertEquals(201, a.status(), a::body);
                    if (!"true".equals(a.header("Idempotent-Replayed"))) {
                        original++;
                    }
                }
            }
            assertEquals(1, original, "exactly one request ran");
            assertEquals(
                    1,
                    Api.get(ADMIN, "/api/v1/contacts/" + contact + "/consents/history")
                            .structure()
                            .asJsonArray()
                            .size(),
                    "the grant was recorded once");
            overlapped = conflicts > 0;
        }
        assertTrue(overlapped, "in three rounds of 8 simultaneous retries, one met another still running (409)");
    }

    /** A failed request frees its key: the same key may be retried once the cause is fixed. */
    @Test
    void aFailedRequestFreesItsKey() {
        String key = Api.uniqueKey("retry");
        String email = Api.uniqueEmail();
        Consumer<Integer> create = expected -> Api.send(
                        INTEGRATION,
                        "POST",
                        "/api/v1/contacts",
                        "application/json",
                        BodyPublishers.ofString("""
                                {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(email)),
                        "Idempotency-Key",
                        key)
                .expect(expected);
        String holder = Fixtures.contact(email, "fr");
        create.accept(409);
        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + holder, null, BodyPublishers.noBody())
                .expect(204);
        create.accept(201);
    }

    /** consent.uploads.quota-bytes of the test server: the files waiting for their import job stay under it. */
    private static final int UPLOAD_QUOTA = 24 * 1024 * 1024;

    private static byte[] csvOfAbout(int bytes) {
        StringBuilder b = new StringBuilder("email,country,locale,audience,customer\n");
        while (b.length() < bytes) {
            b.append(Api.uniqueEmail()).append(",FR,fr,B2C,false\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An upload the disk quota cannot take is a 507 that says which limit, declared or found while streaming. */
    @Test
    void anImportPastTheDiskQuotaIsRefusedWith507() {
        byte[] file = csvOfAbout(UPLOAD_QUOTA + (1 << 20));
        JsonObject declared = Api.send(
                        INTEGRATION, "POST", "/api/v1/imports", "text/csv", BodyPublishers.ofByteArray(file))
                .problem(507);
        assertTrue(declared.getString("detail").contains("consent.uploads.quota-bytes"), declared::toString);
        JsonObject streamed = Api.send(
                        INTEGRATION,
                        "POST",
                        "/api/v1/imports",
                        "text/csv",
                        BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(file)))
                .problem(507);
        assertTrue(streamed.getString("detail").contains("consent.uploads.quota-bytes"), streamed::toString);
        Api.send(INTEGRATION, "POST", "/api/v1/imports", "text/csv", BodyPublishers.ofByteArray(csvOfAbout(1000)))
                .expect(202);
    }
}
