package eu.consent.web.eligibility;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
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
}
