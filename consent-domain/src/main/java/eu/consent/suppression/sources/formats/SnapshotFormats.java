package eu.consent.suppression.sources.formats;

import eu.consent.imports.CsvRecords;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.suppression.SuppressionReason;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a provider's suppression export as our {@code identifier,reason,date} lines, one line out per line in (a
 * header becomes a blank line), so the line numbers of refused rows still name the provider's file. A provider's
 * reason we do not take (a Mailgun unsubscribe from one tag only, a SendGrid block) is passed on as it is, and the
 * staging refuses that line naming it.
 */
public final class SnapshotFormats {

    private SnapshotFormats() {}

    public static BufferedReader toGeneric(EspFormat format, BufferedReader in) {
        return new Translating(format, in);
    }

    /**
     * Our line for an identifier, a reason (ours, or the provider's own when we have none) and a date ({@link
     * Dates#text}: an instant, or a day the staging dates itself). A comma in the
     * identifier's cell (a comma-separated file sent as {@code brevo}, whose separator is the semicolon) becomes a
     * space, which no address holds: the line is refused. Until 2026-12-06 the comma was dropped, and
     * {@code x@example.org,BOUNCE} became the address {@code x@example.orgbounce}, suppressed (AD-F8).
     */
    static String line(String identifier, String reason, String date) {
        return identifier.replace(",", " ") + "," + reason.replace(",", " ") + "," + (date == null ? "" : date);
    }

    static final class Translating extends BufferedReader {

        /** The longest line or record read, as the staging's own bound ({@code consent.api.max-line-chars}' default). */
        static final int LONGEST = eu.consent.imports.RecordReader.MAX_RECORD;

        /** The most physical lines one quoted cell may span. */
        static final int MOST_LINES = 50;

        private final EspFormat format;
        private final BufferedReader source;
        private final char separator;
        private Map<String, Integer> columns;
        private long number;

        Translating(EspFormat format, BufferedReader source) {
            super(source, 1);
            this.format = format;
            this.source = source;
            this.separator = format == EspFormat.BREVO ? ';' : ',';
        }

        private String pending = "";
        private int position;
        private boolean ended;

        /** The translated text, for readers that take characters (the staging bounds each line itself). */
        @Override
        public int read() throws IOException {
            return fill() ? pending.charAt(position++) : -1;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, pending.length() - position);
            pending.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        private boolean fill() throws IOException {
            while (position >= pending.length()) {
                String line = ended ? null : readLine();
                if (line == null) {
                    ended = true;
                    return false;
                }
                pending = line + "\n";
                position = 0;
            }
            return true;
        }

        /** Physical lines read ahead while looking for a quoted cell's end, to be read again in order. */
        private final java.util.ArrayDeque<String> readAhead = new java.util.ArrayDeque<>();

        /** Blank lines owed for the continuation lines of the last record, so that line numbers stay the file's. */
        private int blanksOwed;

        /**
         * One physical line of the source, at most {@link #LONGEST} characters: a longer one is cut there, one
         * character over, so that the staging refuses it on its line, and the rest of it skipped unread (AD-F2: until
         * 2026-12-06 a provider file's line was read whole, a 3 MB first line held and echoed in the 422).
         */
        private String physicalLine() throws IOException {
            if (!readAhead.isEmpty()) {
                return readAhead.poll();
            }
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = source.read()) != -1) {
                if (c == '\n') {
                    return line.toString();
                }
                if (c == '\r') {
                    source.mark(1);
                    if (source.read() != '\n') {
                        source.reset();
                    }
                    return line.toString();
                }
                if (line.length() <= LONGEST) {
                    line.append((char) c);
                }
            }
            return line.length() == 0 ? null : line.toString();
        }

        /**
         * The next record: a physical line, joined with the next ones while a quoted cell stays open (a Mailgun error
         * of several SMTP lines, a Mailchimp note: AD-F1, until 2026-12-06 the text after the break was read as a row
         * of its own and an address there suppressed). A quote still open after {@link #LONGEST} characters or
         * {@link #MOST_LINES} lines was left open by mistake: the line is read alone, as before.
         */
        private String record() throws IOException {
            String first = physicalLine();
            if (first == null
                    || first.length() > LONGEST
                    || first.strip().startsWith("{") // SES's JSON lines: one object a line, escaped quotes
                    || !openAtEnd(first)) {
                return first;
            }
            StringBuilder joined = new StringBuilder(first);
            List<String> taken = new java.util.ArrayList<>();
            while (taken.size() < MOST_LINES) {
                String next = physicalLine();
                if (next == null) {
                    break;
                }
                taken.add(next);
                if (looksLikeRow(next)) {
                    // A row of its own (its cells, an address where the address goes): the quote before was a stray
                    // one, and joining would swallow this row and those after it (the reviewer's point 2).
                    break;
                }
                joined.append('\n').append(next);
                if (joined.length() > LONGEST) {
                    break;
                }
                if (!openAtEnd(joined)) {
                    blanksOwed += taken.size();
                    return joined.toString();
                }
            }
            for (int i = taken.size() - 1; i >= 0; i--) {
                readAhead.push(taken.get(i));
            }
            return first;
        }

        /** How many cells the file's rows have: its header's, else the format's default columns'. */
        private int columnCount;

        /** Whether {@code line}, read alone, is a whole row: the file's count of cells, a bare address where it goes. */
        private boolean looksLikeRow(String line) {
            if (openAtEnd(line)) {
                return false;
            }
            Map<String, Integer> known = columns != null ? columns : defaultColumns();
            int count = columns != null ? columnCount : known.size();
            List<String> cells = CsvCells.split(line, separator);
            Integer at = known.get(addressColumn());
            if (count < 2 || cells.size() != count || at == null || at >= cells.size()) {
                return false;
            }
            String address = cells.get(at);
            return address.indexOf('@') > 0 && address.chars().noneMatch(Character::isWhitespace);
        }

        /** The column of the address in this format's file. */
        private String addressColumn() {
            return switch (format) {
                case SES, POSTMARK -> "emailaddress";
                case MAILGUN_UNSUBSCRIBES, MAILGUN_BOUNCES -> "address";
                case SENDGRID, BREVO -> "email";
                case MAILCHIMP -> "email address";
                default -> "";
            };
        }

        /** Whether a quoted cell is still open at the end of {@code text}, read as {@link CsvCells#split} reads it. */
        private static boolean openAtEnd(CharSequence text) {
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) != '"') {
                    continue;
                }
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    i++;
                } else {
                    quoted = !quoted;
                }
            }
            return quoted;
        }

        @Override
        public String readLine() throws IOException {
            if (blanksOwed > 0) {
                blanksOwed--;
                number++;
                return "";
            }
            boolean quotesSpanLines = format != EspFormat.GENERIC && format != EspFormat.BLOCTEL;
            String raw = quotesSpanLines ? record() : physicalLine();
            if (raw == null) {
                return null;
            }
            number++;
            if (raw.length() > LONGEST) {
                // SES's files may start without a header (JSON lines, or CSV rows): its long line is a row (AG-F4)
                if (number == 1
                        && format != EspFormat.GENERIC
                        && format != EspFormat.BLOCTEL
                        && format != EspFormat.SES) {
                    throw new InvalidInputException(
                            "format",
                            "the first line of a " + format.apiName() + " file, its header, is longer than " + LONGEST
                                    + " characters");
                }
                return raw; // the staging refuses it on its line
            }
            if (number == 1 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            if (raw.isBlank()) {
                return "";
            }
            if (format == EspFormat.GENERIC) {
                if (number == 1) {
                    List<String> cells = CsvCells.split(raw, CsvRecords.delimiterOf(raw));
                    if (isGenericHeader(cells)) {
                        checkGenericHeader(cells);
                        return "";
                    }
                }
                return raw;
            }
            if (format == EspFormat.BLOCTEL) {
                return Bloctel.line(raw);
            }
            if (format == EspFormat.SES && raw.strip().startsWith("{")) {
                return sesJson(raw);
            }
            List<String> cells = CsvCells.split(raw, separator);
            if (columns == null && isHeader(cells)) {
                columns = new HashMap<>();
                columnCount = cells.size();
                for (int i = 0; i < cells.size(); i++) {
                    columns.put(cells.get(i).toLowerCase(Locale.ROOT), i);
                }
                if (format == EspFormat.SES && columns.containsKey("email")) {
                    // The contract names the SES CSV's columns email,reason; SES's own export says EmailAddress.
                    columns.putIfAbsent("emailaddress", columns.get("email"));
                }
                checkColumns();
                return "";
            }
            if (columns == null) {
                columns = defaultColumns();
                columnCount = columns.size();
            }
            return translate(cells);
        }

        /**
         * A generic file's first line names its columns when its first cell is no identifier (no {@code @}, no digit)
         * and its second no reason: {@code not-an-address,UNSUBSCRIBED} is a line to refuse, {@code foo,bar} a header.
         */
        private static boolean isGenericHeader(List<String> cells) {
            String first = cells.get(0);
            if (first.indexOf('@') >= 0 || first.chars().anyMatch(Character::isDigit)) {
                return false;
            }
            if (cells.size() < 2) {
                return true;
            }
            try {
                SuppressionReason.valueOf(cells.get(1).toUpperCase(Locale.ROOT));
                return false;
            } catch (IllegalArgumentException e) {
                return true;
            }
        }

        /**
         * The generic columns are read by position, so a header naming others means a file read wrong: refused. Our own
         * outbound file once named its first column "email": it reads back as it was written.
         */
        private static void checkGenericHeader(List<String> cells) {
            List<String> names =
                    cells.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
            boolean ours = names.get(0).equals("identifier") || names.get(0).equals("email");
            ours &= names.size() < 2 || names.get(1).equals("reason");
            ours &= names.size() < 3 || names.get(2).equals("date");
            if (!ours) {
                throw new InvalidInputException(
                        "format",
                        "a generic file has the columns identifier,reason,date (its header line may be left out);"
                                + " its header names " + cells);
            }
        }

        /** A first line without an address in it names the columns. */
        private boolean isHeader(List<String> cells) {
            return number == 1 && cells.stream().noneMatch(c -> c.indexOf('@') > 0);
        }

        /** Files whose export has no header line (SES CSV) or that were saved without it. */
        private Map<String, Integer> defaultColumns() {
            Map<String, Integer> byPosition = new HashMap<>();
            List<String> names =
                    switch (format) {
                        case SES -> List.of("emailaddress", "reason", "lastupdatetime");
                        case MAILGUN_UNSUBSCRIBES -> List.of("address", "tags", "created_at");
                        case MAILGUN_BOUNCES -> List.of("address", "code", "error", "created_at");
                        case POSTMARK -> List.of("emailaddress", "suppressionreason", "origin", "createdat");
                        case SENDGRID -> List.of("email", "created");
                        case BREVO -> List.of("email");
                        case MAILCHIMP -> List.of("email address");
                        default -> List.of();
                    };
            for (int i = 0; i < names.size(); i++) {
                byPosition.put(names.get(i), i);
            }
            return byPosition;
        }

        private void checkColumns() {
            String needed =
                    switch (format) {
                        case SES -> "emailaddress";
                        case MAILGUN_UNSUBSCRIBES, MAILGUN_BOUNCES -> "address";
                        case POSTMARK -> "emailaddress";
                        case SENDGRID, BREVO -> "email";
                        case MAILCHIMP -> "email address";
                        default -> null;
                    };
            if (needed != null && !columns.containsKey(needed)) {
                // One cell holding commas: a comma-separated file sent as brevo, whose exports use semicolons. Until
                // 2026-12-06 the answer quoted the cell as if it were a list of columns ("[email,reason]"), which
                // read as if the column were there (tester AH's F4).
                boolean commaSeparated = format == EspFormat.BREVO
                        && columns.size() == 1
                        && columns.keySet().iterator().next().contains(",");
                throw new InvalidInputException(
                        "format",
                        commaSeparated
                                ? "a brevo file is separated by semicolons (;); this one by commas: its header is the"
                                        + " one cell \""
                                        + columns.keySet().iterator().next() + "\""
                                : "a " + format.apiName() + " file has a column " + needed + "; its header names "
                                        + columns.keySet());
            }
            // Mailchimp names all its audience exports alike: the subscribed members' file (OPTIN_TIME, CONFIRM_TIME,
            // MEMBER_RATING) read as the unsubscribed one would block the whole audience. A file of the address alone
            // (our own outbound file, for an import as "unsubscribed") is the unsubscribed list.
            if (format == EspFormat.MAILCHIMP
                    && !columns.containsKey("unsub_time")
                    && !columns.containsKey("clean_time")
                    && (columns.containsKey("optin_time")
                            || columns.containsKey("confirm_time")
                            || columns.containsKey("member_rating"))) {
                throw new InvalidInputException(
                        "format",
                        "a mailchimp snapshot is the audience export of unsubscribed members (column UNSUB_TIME) or"
                                + " of cleaned ones (CLEAN_TIME); this header is the subscribed members' export"
                                + " (OPTIN_TIME, CONFIRM_TIME, MEMBER_RATING): " + columns.keySet());
            }
        }

        private String cell(List<String> cells, String column) {
            Integer i = columns.get(column);
            return i == null || i >= cells.size() ? "" : cells.get(i);
        }

        private String translate(List<String> cells) {
            return switch (format) {
                case SES ->
                    line(
                            cell(cells, "emailaddress"),
                            sesReason(cell(cells, "reason")),
                            Dates.text(cell(cells, "lastupdatetime")));
                case MAILGUN_UNSUBSCRIBES -> {
                    String tags = cell(cells, "tags");
                    boolean allMail =
                            tags.isBlank() || List.of(tags.split("[,;\\s]+")).contains("*");
                    yield line(
                            cell(cells, "address"),
                            allMail ? "UNSUBSCRIBED" : "UNSUBSCRIBED-FROM-TAG-ONLY " + tags,
                            Dates.text(cell(cells, "created_at")));
                }
                case MAILGUN_BOUNCES ->
                    line(
                            cell(cells, "address"),
                            OutboundFormats.reasonOfOurBounceText(cell(cells, "error"))
                                    .map(Enum::name)
                                    .orElse("HARD_BOUNCE"),
                            Dates.text(cell(cells, "created_at")));
                case POSTMARK ->
                    line(
                            cell(cells, "emailaddress"),
                            postmarkReason(cell(cells, "suppressionreason")),
                            Dates.text(cell(cells, "createdat")));
                case SENDGRID -> line(cell(cells, "email"), sendgridReason(cells), Dates.text(cell(cells, "created")));
                case BREVO -> line(cell(cells, "email"), "UNSUBSCRIBED", null);
                case MAILCHIMP -> mailchimp(cells);
                default -> throw new IllegalStateException("no translation for " + format);
            };
        }

        private String sesJson(String raw) {
            try {
                JsonObject o = Jsons.readStrict(raw).asJsonObject();
                Map<String, String> lower = new HashMap<>();
                o.forEach((k, v) -> lower.put(
                        k.toLowerCase(Locale.ROOT),
                        v.getValueType() == jakarta.json.JsonValue.ValueType.STRING ? o.getString(k) : v.toString()));
                return line(
                        lower.getOrDefault("emailaddress", ""),
                        sesReason(lower.getOrDefault("reason", "")),
                        Dates.text(lower.get("lastupdatetime")));
            } catch (JsonException | ClassCastException e) {
                return line(raw.strip(), "NOT-A-JSON-OBJECT", null);
            }
        }

        /** SES keeps hard bounces as BOUNCE and complaints as COMPLAINT. */
        private static String sesReason(String reason) {
            return switch (reason.strip().toUpperCase(Locale.ROOT)) {
                case "BOUNCE" -> "HARD_BOUNCE";
                case "COMPLAINT" -> "COMPLAINT";
                default -> reason.isBlank() ? "NO-REASON" : reason;
            };
        }

        /** Postmark's reasons; a ManualSuppression is an unsubscribe (the recipient's link, or added by hand). */
        private static String postmarkReason(String reason) {
            return switch (reason.strip()) {
                case "HardBounce" -> "HARD_BOUNCE";
                case "SpamComplaint" -> "COMPLAINT";
                case "ManualSuppression" -> "UNSUBSCRIBED";
                default -> reason.isBlank() ? "NO-REASON" : reason;
            };
        }

        /**
         * SendGrid exports each suppression list separately and names none of them in the file: spam reports carry an
         * {@code ip} column, bounces a {@code status} (5.x.x is permanent), invalid emails a {@code reason}, global
         * unsubscribes only {@code email} and {@code created}.
         */
        private String sendgridReason(List<String> cells) {
            if (columns.containsKey("ip")) {
                return "COMPLAINT";
            }
            if (columns.containsKey("status")) {
                String status = cell(cells, "status");
                return status.startsWith("5") ? "HARD_BOUNCE" : "TEMPORARY-FAILURE " + status;
            }
            if (columns.containsKey("reason")) {
                return "HARD_BOUNCE";
            }
            return "UNSUBSCRIBED";
        }

        /** The audience export: the "cleaned" file (bounced addresses) has CLEAN_TIME, the "unsubscribed" one UNSUB_TIME. */
        private String mailchimp(List<String> cells) {
            if (columns.containsKey("clean_time")) {
                return line(cell(cells, "email address"), "HARD_BOUNCE", Dates.text(cell(cells, "clean_time")));
            }
            return line(cell(cells, "email address"), "UNSUBSCRIBED", Dates.text(cell(cells, "unsub_time")));
        }
    }
}
