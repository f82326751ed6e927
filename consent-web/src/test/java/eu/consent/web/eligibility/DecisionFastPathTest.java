package eu.consent.web.eligibility;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.eligibility.DecisionUnavailableException;
import eu.consent.eligibility.Verdict;
import eu.consent.operations.ServiceMetrics;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the plain decision's filter lets through, and the body it hands on to JAX-RS. */
class DecisionFastPathTest {

    @Test
    void onlyAnAcceptThatJsonAnswersExactlyIsPlain() {
        assertTrue(DecisionFastPath.acceptsJson(null));
        assertTrue(DecisionFastPath.acceptsJson("*/*"));
        assertTrue(DecisionFastPath.acceptsJson(" Application/JSON "));
        // anything to negotiate (a list, a quality, another type) is JAX-RS's to answer, a 406 included
        assertFalse(DecisionFastPath.acceptsJson("text/csv"));
        assertFalse(DecisionFastPath.acceptsJson("application/json;q=0"));
        assertFalse(DecisionFastPath.acceptsJson("application/problem+json"));
        assertFalse(DecisionFastPath.acceptsJson("text/html, application/json"));
    }

    @Test
    void theReplayedBodyIsTheBodyReadEveryTimeItIsAskedFor() throws Exception {
        byte[] body = "{\"email\":\"é@example.com\"}".getBytes(StandardCharsets.UTF_8);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    throw new AssertionError("the original request's " + method.getName() + " was called");
                });
        DecisionFastPath.Replayed replayed = new DecisionFastPath.Replayed(request, body);
        ServletInputStream in = replayed.getInputStream();
        assertTrue(in.isReady());
        assertFalse(in.isFinished());
        assertArrayEquals(body, in.readAllBytes());
        assertTrue(in.isFinished());
        assertEquals(-1, in.read());
        assertEquals("{\"email\":\"é@example.com\"}", replayed.getReader().readLine());
        assertArrayEquals(body, replayed.getInputStream().readAllBytes());
        assertThrows(
                IllegalStateException.class, () -> replayed.getInputStream().setReadListener(new ReadListener() {
                    @Override
                    public void onDataAvailable() {}

                    @Override
                    public void onAllDataRead() {}

                    @Override
                    public void onError(Throwable t) {}
                }));
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsA503ProblemNeverAnAllowed() throws Exception {
        Recorded metrics = new Recorded(false);
        Written response = new Written();

        new DecisionFastPath()
                .answer(
                        response.proxy(),
                        DecisionAnswer.of(
                                CompletableFuture.failedFuture(
                                        new DecisionUnavailableException(new SQLException("connection refused"))),
                                metrics,
                                System.nanoTime()));

        assertEquals(503, response.status);
        assertEquals("5", response.headers.get("Retry-After"));
        assertEquals("application/problem+json", response.headers.get("Content-Type"));
        JsonObject problem = response.json();
        assertEquals("urn:consent:problem:unavailable", problem.getString("type"));
        assertEquals(503, problem.getInt("status"));
        assertEquals(response.body.size(), response.length);
        assertEquals(1, metrics.failedClosed, "counted as a decision refused for want of the database");
    }

    @Test
    void aFailureWhileAnsweringIsA500ProblemNotAnEmptyOk() throws Exception {
        Written response = new Written();
        response.status = 200;
        response.headers.put("Content-Type", "application/json"); // set before the failure: reset, not kept
        CompletableFuture<DecisionView> view = DecisionAnswer.of(
                CompletableFuture.completedFuture((Verdict) null), new Recorded(true), System.nanoTime());
        assertTrue(view.isCompletedExceptionally(), "a failure while counting fails the answer, never suspends it");

        new DecisionFastPath().answer(response.proxy(), view);

        assertEquals(500, response.status);
        assertEquals("application/problem+json", response.headers.get("Content-Type"));
        JsonObject problem = response.json();
        assertEquals("urn:consent:problem:internal", problem.getString("type"));
        assertTrue(problem.getString("instance").startsWith("urn:uuid:"));
    }

    /** The service's metrics, counting what the path reports; {@code failing}: the decision's count throws. */
    private static final class Recorded extends ServiceMetrics {
        private final boolean failing;
        int failedClosed;

        Recorded(boolean failing) {
            this.failing = failing;
        }

        @Override
        public void decided(Verdict verdict, long nanos) {
            if (failing) {
                throw new IllegalStateException("the test's own failure while answering");
            }
        }

        @Override
        public void failedClosed() {
            failedClosed++;
        }
    }

    /** A servlet response that keeps what is written to it. */
    private static final class Written {
        int status;
        int length = -1;
        final Map<String, String> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        JsonObject json() {
            return Json.createReader(new StringReader(body.toString(StandardCharsets.UTF_8)))
                    .readObject();
        }

        HttpServletResponse proxy() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}
            };
            return (HttpServletResponse) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (p, method, args) -> {
                        switch (method.getName()) {
                            case "setStatus" -> status = (Integer) args[0];
                            case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                            case "addHeader", "setHeader" -> headers.put((String) args[0], (String) args[1]);
                            case "setContentLength" -> length = (Integer) args[0];
                            case "isCommitted" -> {
                                return false;
                            }
                            case "reset" -> {
                                status = 200;
                                headers.clear();
                                body.reset();
                            }
                            case "getOutputStream" -> {
                                return out;
                            }
                            default -> throw new AssertionError("unexpected call " + method.getName());
                        }
                        return null;
                    });
        }
    }
}
