package eu.consent.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between a test's server and its database that the test cuts to play an outage: {@link #down()} closes
 * the listening socket and every connection through it (the port then refuses, as a stopped database's does), {@link
 * #up()} listens again on the same port; {@link #freeze()} plays a database that hangs (a frozen primary, a network that
 * keeps the connections open and carries nothing): connections stay open and new ones are accepted, but no byte goes
 * through until {@link #thaw()}.
 */
final class DatabaseRelay implements AutoCloseable {

    private final int port;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listening;
    private volatile boolean frozen;

    /** A relay to {@code host:targetPort} on a free port of the loopback interface, not listening yet. */
    DatabaseRelay(String host, int targetPort) throws IOException {
        this.target = new InetSocketAddress(host, targetPort);
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    synchronized void up() throws IOException {
        if (listening != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listening = socket;
        Thread accepting = new Thread(() -> accept(socket), "database relay " + port);
        accepting.setDaemon(true);
        accepting.start();
    }

    synchronized void down() {
        ServerSocket socket = listening;
        listening = null;
        closeQuietly(socket);
        open.forEach(DatabaseRelay::closeQuietly);
        open.clear();
    }

    void freeze() {
        frozen = true;
    }

    void thaw() {
        frozen = false;
    }

    @Override
    public void close() {
        thaw();
        down();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket database = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(database);
                pump(client, database);
                pump(database, client);
            } catch (IOException e) {
                // closed by down(), or the database refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            while (frozen) {
                                Thread.sleep(50);
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // one side closed: the other follows
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "database relay pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // closing is all that was asked
        }
    }
}
