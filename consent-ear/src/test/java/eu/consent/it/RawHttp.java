package eu.consent.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand on a socket, for requests the JDK's client refuses to send or corrects on the way: a path
 * with a broken %-escape, a header value no parser can read. One request per connection, read to its end.
 */
final class RawHttp {

    /** An answer: status, headers (names lower-cased, the last of each), body as UTF-8. */
    record Answer(int status, Map<String, String> headers, String body) {

        /** The media type of the Content-Type, without parameters; null if none. */
        String contentType() {
            String type = headers.get("content-type");
            return type == null ? null : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return status + " " + headers + "\n" + body;
        }
    }

    private RawHttp() {}

    /**
     * Sends {@code method target} with the headers (name, value, ...) and body, as written: nothing is encoded or
     * checked. {@code target} is the request target, e.g. {@code /api/v1/contacts/%2F}, or a whole URL of the server.
     */
    static Answer send(Api.User user, String method, String target, String body, String... headers) {
        URI base = URI.create(Api.BASE);
        String path = target.startsWith("http") ? target.substring(target.indexOf('/', "https://".length())) : target;
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head =
                new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        boolean ownHost = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            ownHost |= headers[i].equalsIgnoreCase("Host");
        }
        if (!ownHost) { // a Host among the headers is sent as written instead
            head.append("Host: ")
                    .append(base.getHost())
                    .append(':')
                    .append(base.getPort())
                    .append("\r\n");
        }
        head.append("Connection: close\r\n");
        if (user.header != null) {
            head.append("Authorization: ").append(user.header).append("\r\n");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int eol = text.indexOf("\r\n", at);
            int length = Integer.parseInt(text.substring(at, eol).split(";")[0].strip(), 16);
            if (length == 0) {
                break;
            }
            body.write(chunked, eol + 2, length);
            at = eol + 2 + length + 2;
        }
        return body.toByteArray();
    }
}
