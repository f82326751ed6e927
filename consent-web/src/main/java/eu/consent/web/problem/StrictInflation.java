package eu.consent.web.problem;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip (RFC 1952, one member or several) or zlib-wrapped deflate (RFC 1950) body, decoded with every byte of it
 * accounted for: a stream cut short, a member's check or size that differs, and any byte after the end that is not a
 * whole further gzip member are refused ({@link ZipException} or {@link EOFException}). Java's {@code GZIPInputStream}
 * took a broken second member, or any bytes after the first, for the end of the body, and {@code InflaterInputStream}
 * ignored what followed a zlib stream: a snapshot so sent lifted the suppressions of the lines it lost, and an import
 * ended {@code COMPLETED} without them (tester BK's F11, until 2026-12-08).
 */
final class StrictInflation extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream raw;
    private final boolean gzip;
    private final Inflater inflater;
    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    private boolean ended;

    StrictInflation(InputStream raw, boolean gzip) throws IOException {
        this.raw = raw;
        this.gzip = gzip;
        this.inflater = new Inflater(gzip);
        if (gzip) {
            if (next() != 0x1f) {
                throw new ZipException("not in gzip format");
            }
            header();
            if (pos < limit) {
                inflater.setInput(buf, pos, limit - pos);
                pos = limit;
            }
        }
    }

    private final byte[] one = new byte[1];

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException(e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                endOfStream();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("a preset dictionary is not supported");
            } else if (inflater.needsInput()) {
                limit = fill();
                pos = 0;
                if (limit < 0) {
                    limit = 0;
                    throw new EOFException("the compressed body ends before its end");
                }
                inflater.setInput(buf, 0, limit);
                pos = limit;
            }
        }
        return -1;
    }

    /** One stream (or member) has ended: its trailer is checked, then what follows must be nothing or a member. */
    private void endOfStream() throws IOException {
        pos = limit - inflater.getRemaining();
        if (!gzip) {
            if (next() >= 0) {
                throw new ZipException("bytes follow the end of the deflate stream");
            }
            ended = true;
            return;
        }
        long check = uint32();
        long size = uint32();
        if (check != crc.getValue() || size != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ZipException("a gzip member's check or size differs from its content");
        }
        int first = next();
        if (first < 0) {
            ended = true;
            return;
        }
        if (first != 0x1f) {
            throw new ZipException("bytes follow the end of the gzip stream that are not a gzip member");
        }
        header();
        inflater.reset();
        crc.reset();
        if (pos < limit) {
            inflater.setInput(buf, pos, limit - pos);
            pos = limit;
        }
    }

    /** The rest of a member's header, its first byte read. */
    private void header() throws IOException {
        if (must() != 0x8b || must() != 8) {
            throw new ZipException("not in gzip format");
        }
        int flags = must();
        if ((flags & 0xe0) != 0) {
            throw new ZipException("a gzip header with reserved flags set"); // RFC 1952, 2.3.1.2
        }
        for (int i = 0; i < 6; i++) {
            must(); // modification time, extra flags, operating system
        }
        if ((flags & FEXTRA) != 0) {
            int length = must() | must() << 8;
            for (int i = 0; i < length; i++) {
                must();
            }
        }
        if ((flags & FNAME) != 0) {
            while (must() != 0) {
                // the original file's name
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (must() != 0) {
                // a comment
            }
        }
        if ((flags & FHCRC) != 0) {
            must();
            must();
        }
    }

    private long uint32() throws IOException {
        return (must() | must() << 8 | must() << 16 | (long) must() << 24) & 0xffffffffL;
    }

    /** The next raw byte, which must be there. */
    private int must() throws IOException {
        int b = next();
        if (b < 0) {
            throw new EOFException("the compressed body ends before its end");
        }
        return b;
    }

    /** The next raw byte not given to the inflater, or -1 at the end of the body. */
    private int next() throws IOException {
        if (pos == limit) {
            limit = fill();
            pos = 0;
            if (limit < 0) {
                limit = 0;
                return -1;
            }
        }
        return buf[pos++] & 0xff;
    }

    /** Reads raw bytes into the buffer: how many (never 0: a read of none is tried again), or -1 at the end. */
    private int fill() throws IOException {
        int n;
        do {
            n = raw.read(buf, 0, buf.length);
        } while (n == 0);
        return n;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        raw.close();
    }
}
