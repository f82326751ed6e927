package eu.consent.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the records of an uploaded file from a byte offset, each with the number of the line it starts on, its text
 * and the offset just after it: what a restart resumes from. Blank lines are skipped; a CSV record goes on over line
 * breaks inside quotes. A record longer than the limit ({@code consent.api.max-line-chars}, {@link #MAX_RECORD} by
 * default, as for a snapshot's line or a bulk decision's) is returned cut, marked too long.
 */
public final class RecordReader implements AutoCloseable {

    public static final int MAX_RECORD = 8192;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** One record: where it starts, what it says, and where the next one starts. */
    public record Record(long line, String text, java.util.List<String> cells, String problem, long end) {}

    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int position;
    private int limit;
    private final ImportSettings settings;
    private long offset;
    private long line;
    private byte[] buffer = new byte[1024];
    /** Quotes in the last physical line, all of it (even past what is kept): whether a quoted field goes on. */
    private int lastLineQuotes;

    private final int maxRecord;

    /** Opens {@code file} at {@code offset}, the start of line {@code line + 1}, with the default limit. */
    public RecordReader(Path file, long offset, long line, ImportSettings settings) throws IOException {
        this(file, offset, line, settings, MAX_RECORD);
    }

    /** Opens {@code file} at {@code offset}, the start of line {@code line + 1}; a longer record is cut. */
    public RecordReader(Path file, long offset, long line, ImportSettings settings, int maxRecord) throws IOException {
        this.maxRecord = maxRecord;
        this.in = Files.newInputStream(file);
        this.settings = settings;
        this.offset = offset;
        this.line = line;
        try {
            in.skipNBytes(offset);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        if (offset == 0) {
            fill();
            if (limit >= 3 && Arrays.equals(Arrays.copyOf(chunk, 3), BOM)) {
                this.offset = 3;
                position = 3;
            }
        }
    }

    /** The next record, or null at the end of the file. */
    public Record next() throws IOException {
        while (true) {
            String physical = physicalLine();
            if (physical == null) {
                return null;
            }
            long start = line;
            if (physical.isBlank()) {
                continue;
            }
            if (settings.format() == ImportFormat.NDJSON) {
                return record(start, physical, null, null);
            }
            StringBuilder text = new StringBuilder(physical);
            boolean quoted = lastLineQuotes % 2 == 1;
            while (true) {
                if (text.length() > maxRecord) {
                    // Skip the rest of the record without keeping it: its lines must not be read as rows.
                    while (quoted && physicalLine() != null) {
                        quoted = lastLineQuotes % 2 == 0;
                    }
                    return record(start, text.substring(0, maxRecord), null, tooLong());
                }
                CsvRecords.Split split = CsvRecords.split(text.toString(), settings.delimiter());
                if (!split.open()) {
                    return record(start, text.toString(), split.cells(), split.problem());
                }
                String more = physicalLine();
                if (more == null) {
                    return record(start, text.toString(), null, "a quoted field is not closed");
                }
                text.append('\n').append(more);
                quoted ^= lastLineQuotes % 2 == 1;
            }
        }
    }

    private Record record(long start, String text, java.util.List<String> cells, String problem) {
        if (text.length() > maxRecord && problem == null) {
            return new Record(start, text.substring(0, maxRecord), null, tooLong(), offset);
        }
        return new Record(start, text, cells, problem, offset);
    }

    private String tooLong() {
        return "the row is longer than " + maxRecord + " characters";
    }

    /** One line without its CR LF, advancing offset and line number; null at the end. */
    private String physicalLine() throws IOException {
        int length = 0;
        int b;
        boolean any = false;
        lastLineQuotes = 0;
        while ((b = read()) >= 0) {
            any = true;
            offset++;
            if (b == '\n') {
                break;
            }
            if (b == '"') {
                lastLineQuotes++;
            }
            if (length < 4 * maxRecord) {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                buffer[length++] = (byte) b;
            }
        }
        if (!any) {
            return null;
        }
        line++;
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return chunk[position++] & 0xFF;
    }

    private boolean fill() throws IOException {
        int n = in.read(chunk, 0, chunk.length);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
