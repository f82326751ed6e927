package eu.consent.shared;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * A stream that tells {@code afterRead} how many bytes have passed through it after every read, so that a guard (a
 * body limit, an upload quota) can stop a streamed body by throwing as soon as it passes its bound, before the rest
 * is read.
 */
public final class CountedInputStream extends FilterInputStream {

    private final LongConsumer afterRead;
    private long read;

    public CountedInputStream(InputStream in, LongConsumer afterRead) {
        super(in);
        this.afterRead = afterRead;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) {
        read += n;
        afterRead.accept(read);
    }
}
