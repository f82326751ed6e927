package eu.consent.web.eligibility;

import eu.consent.eligibility.DecisionService;
import eu.consent.eligibility.DecisionUnavailableException;
import eu.consent.eligibility.Recipient;
import eu.consent.eligibility.Verdict;
import eu.consent.imports.CsvRecords;
import eu.consent.operations.ServiceMetrics;
import eu.consent.optout.UnsubscribeLinks;
import eu.consent.purpose.Channel;
import eu.consent.shared.BoundedLines;
import eu.consent.shared.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Streams a bulk decision: a reader thread cuts the list into lines into a bounded queue; this thread gathers what
 * has arrived into batches, has up to one batch per core parsed and decided at once (each from the projection or with
 * a few queries) and writes one NDJSON answer line per input line, in order, flushing after each batch, so that the
 * first answers leave before the last line arrives. Memory holds a queue and a few batches, whatever the size of the list. A line is read up to a cap (a longer one is an error line, skipped without
 * being kept), and whatever stops the reader thread (a broken stream, a body over the upload limit, even an
 * {@link Error}) reaches this thread as a last error line that ends the answer: the request never waits for a reader
 * that is gone.
 */
final class BulkStream {

    private static final int BATCH = 256;
    private static final int QUEUE = 8 * BATCH;
    /** Batches decided at once: one per core, so that a list not yet projected is read from the database on each. */
    private static final int IN_FLIGHT = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final long GATHER_MILLIS = 2;
    private static final long WAIT_SECONDS = 1;
    private static final Object END = new Object();
    private static final Logger LOG = Logger.getLogger(BulkStream.class.getName());

    private final DecisionService decisions;
    private final ServiceMetrics metrics;
    private final UnsubscribeLinks links;
    private final DecisionService.Question question;
    private final boolean csv;
    private final ExecutorService executor;
    private final Flusher flusher;
    private final int maxLineChars;

    /** Pushes what was written out to the client now; the JAX-RS stream alone may hold it back. */
    interface Flusher {
        void flush() throws IOException;
    }

    BulkStream(
            DecisionService decisions,
            UnsubscribeLinks links,
            DecisionService.Question question,
            boolean csv,
            ExecutorService executor,
            Flusher flusher,
            int maxLineChars,
            ServiceMetrics metrics) {
        this.maxLineChars = maxLineChars;
        this.metrics = metrics;
        this.executor = executor;
        this.flusher = flusher;
        this.decisions = decisions;
        this.links = links;
        this.question = question;
        this.csv = csv;
    }

    /** One input line as read; {@code text} null when it was longer than the cap (then not kept). */
    private record Raw(long number, String text) {}

    /** What the reader puts in place of bytes that are not UTF-8: a lone surrogate, which decoded UTF-8 never holds. */
    private static final char NOT_UTF8 = '\uDFFF';

    /** One input line, parsed: the recipient, or why it is not one. */
    /**
     * One line read: its identifier as given ({@code givenJson}: the JSON text of a value that is not a string, echoed
     * as it was — {@code {"email":null}} is answered {@code "email":null}, not the address "null").
     */
    private record Line(long number, String key, String given, boolean givenJson, Recipient recipient, String error) {

        Line(long number, String key, String given, Recipient recipient, String error) {
            this(number, key, given, false, recipient, error);
        }
    }

    /** Why the reader thread stopped before the end of the list; {@code line} is the line it could not read. */
    private record Failure(long line, String reason) {}

    /** A batch parsed and decided: each line with its verdict (null for a line in error). */
    private record Decided(List<Line> lines, List<Verdict> verdicts) {}

    /** A batch handed to a deciding thread, with its answer to come. */
    private record Pending(List<Raw> batch, Future<Decided> decided) {}

    void run(InputStream body, OutputStream output) throws IOException {
        Writer out = new OutputStreamWriter(output, StandardCharsets.UTF_8);
        BlockingQueue<Object> lines = new ArrayBlockingQueue<>(QUEUE);
        Future<?> reading = executor.submit(() -> readInto(body, lines));
        // The reader thread only cuts lines; parsing them (JSON read, identifier normalized) is the batch's task, so
        // that up to IN_FLIGHT batches are parsed and decided at once, each on a thread of its own (the reader alone
        // parsing every line was the bound of a warm list); answers leave in line order.
        StringBuilder buffer = new StringBuilder(BATCH * 160);
        Deque<Pending> pending = new ArrayDeque<>();
        List<Object> arrived = new ArrayList<>(BATCH);
        List<Raw> batch = new ArrayList<>(BATCH);
        try {
            boolean ended = false;
            Failure failure = null;
            while (!ended) {
                Object next = lines.poll();
                if (next == null) {
                    // Nothing waiting: answer what is being decided before waiting, so that a slow sender still gets
                    // answers to every line it already sent.
                    if (!drain(pending, 0, buffer, out)) {
                        return;
                    }
                    next = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                }
                if (next == null) {
                    if (!reading.isDone() || !lines.isEmpty()) {
                        continue;
                    }
                    // The reader is gone without a word (it could not even queue its failure): end all the same.
                    next = new Failure(-1, "the list could not be read to its end");
                }
                // What has arrived within a moment joins the batch (taken from the queue in one go); then the batch is
                // answered.
                arrived.add(next);
                lines.drainTo(arrived, BATCH - 1);
                while (arrived.size() < BATCH && arrived.get(arrived.size() - 1) instanceof Raw) {
                    Object more = lines.poll(GATHER_MILLIS, TimeUnit.MILLISECONDS);
                    if (more == null) {
                        break;
                    }
                    arrived.add(more);
                    lines.drainTo(arrived, BATCH - arrived.size());
                }
                for (Object item : arrived) {
                    if (item == END) {
                        ended = true;
                        break;
                    }
                    if (item instanceof Failure f) {
                        failure = f;
                        ended = true;
                        break;
                    }
                    batch.add((Raw) item);
                }
                arrived.clear();
                if (!batch.isEmpty()) {
                    pending.add(new Pending(batch, decide(batch)));
                    batch = new ArrayList<>(BATCH);
                    if (!drain(pending, IN_FLIGHT - 1, buffer, out)) {
                        return;
                    }
                }
            }
            if (!drain(pending, 0, buffer, out)) {
                return;
            }
            if (failure != null) {
                writeFailure(failure, out);
            }
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the list", e);
        } finally {
            reading.cancel(true);
            pending.forEach(p -> p.decided().cancel(true));
        }
    }

    private Future<Decided> decide(List<Raw> batch) {
        return executor.submit(() -> {
            List<Line> parsed = new ArrayList<>(batch.size());
            List<Recipient> recipients = new ArrayList<>(batch.size());
            for (Raw raw : batch) {
                Line line = raw.text() == null
                        ? new Line(raw.number(), null, null, null, "line longer than " + maxLineChars + " characters")
                        : raw.text().indexOf(NOT_UTF8) >= 0
                                ? new Line(raw.number(), null, null, null, "the line is not UTF-8 text")
                                : parse(raw.number(), raw.text());
                parsed.add(line);
                recipients.add(line.recipient());
            }
            return new Decided(parsed, decisions.decide(question, recipients));
        });
    }

    /**
     * Writes the oldest batches being decided, in order, until at most {@code keep} remain; false when the database
     * failed (the stream then ends, closed: that batch's lines say so and nothing after it is answered).
     */
    private boolean drain(Deque<Pending> pending, int keep, StringBuilder buffer, Writer out)
            throws IOException, InterruptedException {
        while (pending.size() > keep) {
            Pending p = pending.poll();
            Decided decided;
            try {
                decided = p.decided().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof DecisionUnavailableException) {
                    unavailable(p.batch(), buffer, out);
                    return false;
                }
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IOException(e.getCause());
            }
            answer(decided.lines(), decided.verdicts(), buffer, out);
        }
        return true;
    }

    /**
     * Reads the request body line by line into the queue (blocking when full), then the end marker; any failure is
     * queued as the last item instead.
     */
    private void readInto(InputStream body, BlockingQueue<Object> lines) {
        long number = 0;
        try {
            // Bytes that are not UTF-8 become a mark that no UTF-8 text can hold (a lone surrogate), rather than the
            // U+FFFD a client may have sent: the line that holds them is answered with an error, and the list goes on.
            CharsetDecoder decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith(String.valueOf(NOT_UTF8));
            BoundedLines in = new BoundedLines(new InputStreamReader(body, decoder), maxLineChars);
            while (in.next()) {
                number = in.number();
                String text = in.text();
                if (number == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                lines.put(new Raw(number, in.tooLong() ? null : text));
            }
            lines.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) { // NOPMD: an Error too (out of memory) must end the answer, not strand the request
            queueFailure(lines, new Failure(number + 1, reason(e)));
        }
    }

    private static void queueFailure(BlockingQueue<Object> lines, Failure failure) {
        try {
            lines.put(failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the client is told: the limit that was passed, or that the stream broke; never a stack trace. */
    private static String reason(Throwable e) {
        if (e instanceof eu.consent.web.problem.BodyTooLargeException) {
            return "the list was cut off: " + e.getMessage();
        }
        if (e instanceof IOException) {
            return "the list could not be read to its end (the upload broke off)";
        }
        LOG.log(Level.WARNING, "reading a bulk decision list failed", e);
        return "the list could not be read to its end";
    }

    private static void writeFailure(Failure failure, Writer out) throws IOException {
        StringBuilder b = new StringBuilder("{");
        if (failure.line() > 0) {
            b.append("\"line\":").append(failure.line()).append(',');
        }
        b.append("\"error\":");
        string(b, failure.reason());
        b.append("}\n");
        out.write(b.toString());
    }

    private void unavailable(List<Raw> batch, StringBuilder buffer, Writer out) throws IOException {
        metrics.failedClosed();
        buffer.setLength(0);
        for (Raw l : batch) {
            buffer.append("{\"line\":").append(l.number()).append(",\"error\":\"decisions are unavailable\"}\n");
        }
        out.write(buffer.toString());
        out.flush();
    }

    /** Writes a decided batch's lines and pushes them out. */
    private void answer(List<Line> batch, List<Verdict> verdicts, StringBuilder buffer, Writer out) throws IOException {
        metrics.decidedInBulk(verdicts);
        buffer.setLength(0);
        for (int i = 0; i < batch.size(); i++) {
            write(batch.get(i), verdicts.get(i), buffer);
        }
        out.write(buffer.toString());
        out.flush();
        flusher.flush();
    }

    private void write(Line line, Verdict verdict, StringBuilder b) {
        if (verdict == null) {
            b.append("{\"line\":").append(line.number());
            if (line.key() != null) {
                b.append(",\"").append(line.key()).append("\":");
                if (line.givenJson()) {
                    b.append(line.given());
                } else {
                    string(b, line.given());
                }
            }
            b.append(",\"error\":");
            string(b, line.error());
            b.append("}\n");
            return;
        }
        b.append("{\"").append(line.key()).append("\":");
        string(b, line.given());
        b.append(",\"allowed\":").append(verdict.decision().allowed());
        b.append(",\"rule\":\"").append(verdict.decision().rule().name()).append('"');
        b.append(",\"basis\":");
        if (verdict.decision().basis() == null) {
            b.append("null");
        } else {
            b.append('"').append(verdict.decision().basis().name()).append('"');
        }
        if (verdict.decision().allowed() && question.channel() == Channel.EMAIL) {
            // The headers only: the preference link of a whole message would cost a second signature per line. Every
            // allowed email gets them; a service message's one-click leaves all prospecting on email (the page reads
            // a service purpose's link so, since SERVICE_MESSAGE is tried before any opt-out).
            Map<String, String> headers =
                    links.headersFor(verdict.contactId(), question.purpose().key(), Channel.EMAIL);
            b.append(",\"headers\":{");
            boolean firstHeader = true;
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (!firstHeader) {
                    b.append(',');
                }
                firstHeader = false;
                string(b, h.getKey());
                b.append(':');
                string(b, h.getValue());
            }
            b.append('}');
        }
        b.append("}\n");
    }

    private Line parse(long number, String text) {
        if (text.isBlank()) {
            return new Line(number, null, null, null, "empty line");
        }
        if (csv) {
            // A cell as our own CSV files write it ('=x@…, '+33…) reads back as the value, as an import reads it
            // (tester
            // AW's F6: until 2026-12-07 such an email was answered UNKNOWN_CONTACT while its phone twin was read).
            Recipient r = Recipient.guess(CsvRecords.unneutralized(Recipient.cell(text)));
            String key = r == null ? "identifier" : r.kind().field;
            // A number with letters or an extension says why, as an NDJSON line does (tester BA's F10).
            String cell = Recipient.cell(text);
            // Read as a number only where one was meant: no address, a few digits (06 1A BC DE FG).
            String amiss = r == null
                            && cell.indexOf('@') < 0
                            && cell.chars().filter(Character::isDigit).count() >= 3
                    ? eu.consent.contact.PhoneNumbers.writtenAmiss(cell)
                    : null;
            return new Line(
                    number,
                    key,
                    cell,
                    r,
                    r == null ? (amiss != null ? "phone " + amiss : "not an email, E.164 phone or contact id") : null);
        }
        JsonObject object;
        try {
            JsonValue value = Jsons.readStrict(text);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return new Line(number, null, null, null, "not a JSON object");
            }
            object = value.asJsonObject();
        } catch (jakarta.json.JsonException e) {
            return new Line(number, null, null, null, Jsons.refusal(e).orElse("malformed JSON"));
        }
        for (String member : object.keySet()) {
            if (Recipient.Kind.of(member) == null) {
                // as a single decision refuses a member it does not know: {"emial":…} or a line's own "purpose"
                // (the list's purpose is the query's) must not be answered as if it were not there
                return new Line(
                        number,
                        null,
                        null,
                        null,
                        "unknown member " + member + ": a line names exactly one of email, phone or contactId");
            }
        }
        Recipient.Kind kind = null;
        for (Recipient.Kind k : Recipient.Kind.values()) {
            if (object.containsKey(k.field)) {
                if (kind != null) {
                    return new Line(number, null, null, null, "name exactly one of email, phone or contactId");
                }
                kind = k;
            }
        }
        if (kind == null) {
            return new Line(number, null, null, null, "name exactly one of email, phone or contactId");
        }
        JsonValue value = object.get(kind.field);
        if (!(value instanceof JsonString s)) {
            return new Line(number, kind.field, value.toString(), true, null, kind.field + " must be a string");
        }
        Recipient r = Recipient.of(kind, s.getString());
        return new Line(number, kind.field, s.getString(), r, r == null ? invalid(kind, s.getString()) : null);
    }

    /** The error of a line whose identifier is not one: a phone number's says why when letters or an extension. */
    private static String invalid(Recipient.Kind kind, String raw) {
        if (kind != Recipient.Kind.PHONE) {
            return "not a valid " + kind.field;
        }
        String amiss = eu.consent.contact.PhoneNumbers.writtenAmiss(raw);
        return amiss != null ? "phone " + amiss : "not a valid phone (E.164, with +)";
    }

    /** Appends a JSON string literal. */
    private static void string(StringBuilder b, String s) {
        b.append('"');
        int plain = 0;
        while (plain < s.length() && s.charAt(plain) >= 0x20 && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
            plain++;
        }
        if (plain == s.length()) {
            // Most values (addresses, rule names, links) need no escape: appended whole, not character by character.
            b.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
