package eu.consent.web.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class StrictInflationTest {

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    private static byte[] zlib(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(content);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Reads the body whole through small reads, as a request's reader does. */
    private static byte[] read(byte[] body, boolean gzip) throws IOException {
        // a network stream gives what has arrived: a few bytes at a time
        InputStream trickle = new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 700));
            }
        };
        try (InputStream in = new StrictInflation(trickle, gzip)) {
            return in.readAllBytes();
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] noise(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        return b;
    }

    @Test
    void wholeBodiesOfOneMemberOrSeveralAreReadWhole() throws IOException {
        byte[] a = text("email\na@example.fr\n".repeat(2000));
        byte[] b = noise(50_000);
        assertArrayEquals(a, read(gzip(a), true));
        assertArrayEquals(concat(a, b, a), read(concat(gzip(a), gzip(b), gzip(a)), true));
        assertArrayEquals(new byte[0], read(gzip(new byte[0]), true));
        assertArrayEquals(b, read(zlib(b), false));
    }

    /** Tester BK's F11: what follows a whole first member is a whole member, or the body is refused. */
    @Test
    void aBrokenMemberOrBytesAfterTheEndAreRefused() throws IOException {
        byte[] first = gzip(text("identifier,reason,date\na@example.fr,UNSUBSCRIBED,\n"));
        byte[] second = gzip(text("b@example.fr,UNSUBSCRIBED,\n"));
        assertThrows(IOException.class, () -> read(concat(first, Arrays.copyOf(second, 8)), true));
        byte[] badMagic = second.clone();
        badMagic[1] = 0x00;
        assertThrows(IOException.class, () -> read(concat(first, badMagic), true));
        assertThrows(IOException.class, () -> read(concat(first, text("c@example.fr,UNSUBSCRIBED,\n")), true));
        assertThrows(IOException.class, () -> read(concat(first, new byte[] {0x1f}), true));
        assertThrows(IOException.class, () -> read(concat(zlib(text("x")), text("garbage")), false));
        assertThrows(IOException.class, () -> read(concat(zlib(text("x")), Arrays.copyOf(zlib(text("y")), 4)), false));
    }

    @Test
    void aStreamCutShortOrWhoseCheckDiffersIsRefused() throws IOException {
        byte[] whole = gzip(noise(20_000));
        assertThrows(IOException.class, () -> read(Arrays.copyOf(whole, whole.length - 3), true));
        assertThrows(IOException.class, () -> read(Arrays.copyOf(whole, 5), true));
        byte[] badCheck = whole.clone();
        badCheck[whole.length - 6] ^= 1;
        assertThrows(IOException.class, () -> read(badCheck, true));
        assertThrows(IOException.class, () -> read(new byte[0], true));
        assertThrows(IOException.class, () -> read(text("not compressed"), true));
        byte[] z = zlib(noise(20_000));
        assertThrows(IOException.class, () -> read(Arrays.copyOf(z, z.length - 2), false));
    }

    @Test
    void aHeaderWithItsNameCommentAndExtraIsRead() throws IOException {
        byte[] plain = gzip(text("hello"));
        // the same member with FEXTRA, FNAME and FCOMMENT (RFC 1952, 2.3) before its compressed data
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        member.write(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16, 0, 0, 0, 0, 0, (byte) 255});
        member.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
        member.writeBytes(text("list.csv\0an export\0"));
        member.write(plain, 10, plain.length - 10);
        assertArrayEquals(text("hellohello"), read(concat(member.toByteArray(), plain), true));
    }
}
