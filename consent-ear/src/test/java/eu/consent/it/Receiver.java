package eu.consent.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/** A webhook receiver on 127.0.0.1, started by a test: records every POST and answers what the test tells it to. */
final class Receiver implements AutoCloseable {

    /** One request as it arrived, and the status it was answered with. */
    record Received(String id, String timestamp, String signature, String body, int answered) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        JsonObject data() {
            return json().getJsonObject("data");
        }

        boolean ok() {
            return answered / 100 == 2;
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile Function<Integer, Integer> answer = n -> 204;
    /** How long the receiver takes before it answers (a slow system). */
    volatile long delayMillis;
    /** How long it stalls after sending its status and a length, before the body (a receiver hung mid-answer). */
    volatile long stallBodyMillis;

    private final HttpServer server;
    final int port;

    /**
     * Released when the receiver closes: a delay or a stall ends then. The server runs its handler on its one
     * dispatcher thread, which {@link HttpServer#stop} waits for, so a stall of a minute held each test that used one
     * for that minute after its checks were over (both test runs, 2026-12-06).
     */
    private final CountDownLatch closing = new CountDownLatch(1);

    private Receiver(HttpServer server) {
        this.server = server;
        this.port = server.getAddress().getPort();
    }

    static Receiver start() {
        return start(0);
    }

    /** Starts listening on {@code port} (0: any free one). */
    static Receiver start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            Receiver receiver = new Receiver(server);
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status;
                synchronized (receiver) {
                    status = receiver.answer.apply(receiver.received.size());
                    receiver.received.add(new Received(
                            exchange.getRequestHeaders().getFirst("webhook-id"),
                            exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                            exchange.getRequestHeaders().getFirst("webhook-signature"),
                            body,
                            status));
                }
                if (receiver.delayMillis > 0) {
                    receiver.hold(receiver.delayMillis);
                }
                if (receiver.stallBodyMillis > 0) {
                    byte[] answered = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, answered.length);
                    exchange.getResponseBody().flush();
                    receiver.hold(receiver.stallBodyMillis);
                    exchange.getResponseBody().write(answered);
                    exchange.close();
                    return;
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port nobody listens on (yet). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String url(int port) {
        return "http://127.0.0.1:" + port + "/hook";
    }

    String url() {
        return url(port);
    }

    /** The requests about one contact (by {@code data.contactId}), in the order they arrived. */
    List<Received> about(String contactId) {
        return received.stream()
                .filter(r -> contactId.equals(r.data().getString("contactId", null)))
                .toList();
    }

    /** Waits until {@code done} holds for what was received, or fails after {@code within}. */
    void await(Predicate<Receiver> done, Duration within, String what) {
        long end = System.nanoTime() + within.toNanos();
        while (!done.test(this)) {
            if (System.nanoTime() > end) {
                fail("waited " + within.toSeconds() + " s for " + what + "; received: " + received);
            }
            pause(100);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits {@code millis}, or less when the receiver closes meanwhile. */
    private void hold(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
