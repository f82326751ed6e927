package eu.consent.suppression.sources.formats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The dates the providers write: ISO-8601 with or without offset, RFC 2822 (Mailgun), Unix seconds (SendGrid). */
final class Dates {

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Dates() {}

    /**
     * The date of a cell as our generic line writes it: a day alone ({@code 2025-01-15}) as it is — the staging dates
     * it, as it does a generic file's, from the end of that day (the person unsubscribed some time that day: until
     * 2026-12-06 the day's first instant, so their opt-in of that morning outweighed an unsubscribe of that evening) —,
     * any other date as its instant; null when the cell is empty or holds no date we know.
     */
    static String text(String text) {
        if (text != null && text.strip().length() == 10 && text.strip().charAt(4) == '-') {
            try {
                return LocalDate.parse(text.strip()).toString();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Instant instant = parse(text);
        return instant == null ? null : instant.toString();
    }

    /** The instant, or null when the cell is empty or holds no date we know. */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            if (t.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            if (t.length() == 10 && t.charAt(4) == '-') {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.length() == 19 && t.charAt(10) == ' ') {
                return LocalDateTime.parse(t, SPACED).toInstant(ZoneOffset.UTC);
            }
            if (Character.isLetter(t.charAt(0))) {
                return ZonedDateTime.parse(t.replace(" UTC", " GMT"), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
