package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimesTest {

    private static final Instant NOW = Instant.now();

    @Test
    void aPeriodHoldsAtLeastOneInstant() {
        assertDoesNotThrow(() -> Times.checkPeriod(NOW, NOW.plusMillis(1)));
        InvalidInputException inverted =
                assertThrows(InvalidInputException.class, () -> Times.checkPeriod(NOW.plusSeconds(60), NOW));
        assertEquals("to", inverted.errors().get(0).field());
        assertThrows(InvalidInputException.class, () -> Times.checkPeriod(NOW, NOW), "[t, t) is empty");
    }

    @Test
    void anOpenEndIsAPeriod() {
        assertDoesNotThrow(() -> Times.checkPeriod(null, NOW));
        assertDoesNotThrow(() -> Times.checkPeriod(NOW, null));
        assertDoesNotThrow(() -> Times.checkPeriod(null, null));
    }

    @Test
    void aClientsDateIsNeverPastTheSkew() {
        assertNull(Times.refusal(NOW, NOW));
        assertNull(Times.refusal(NOW.plus(Times.CLOCK_SKEW), NOW), "a clock a little ahead");
        assertNull(Times.refusal(Instant.EPOCH, NOW), "old is no reason");
        assertEquals(Times.FUTURE, Times.refusal(NOW.plus(Times.CLOCK_SKEW).plusMillis(1), NOW));
        InvalidInputException refused = assertThrows(
                InvalidInputException.class,
                () -> Times.occurredAt(NOW.plus(Times.CLOCK_SKEW).plusSeconds(60), Clock.systemUTC(), "occurredAt"));
        assertEquals("occurredAt", refused.errors().get(0).field());
        assertEquals(
                NOW.minusSeconds(60).truncatedTo(ChronoUnit.MILLIS),
                Times.occurredAt(NOW.minusSeconds(60), Clock.systemUTC(), "occurredAt"));
    }

    @Test
    void aClientsDateOfSomethingThatHappenedIsNeverBefore1970() {
        Instant justBefore = Instant.EPOCH.minusMillis(1);
        assertEquals(Times.TOO_EARLY, Times.refusal(justBefore, NOW));
        assertEquals(Times.TOO_EARLY, Times.tooEarly(Instant.parse("1500-03-01T12:00:00Z")));
        assertEquals(Times.TOO_EARLY, Times.tooEarly(Times.EARLIEST));
        assertNull(Times.tooEarly(Instant.EPOCH));
        assertNull(Times.tooEarly(NOW.plus(Times.CLOCK_SKEW).plusSeconds(3600)), "the future is another rule's");
        InvalidInputException refused = assertThrows(
                InvalidInputException.class, () -> Times.occurredAt(justBefore, Clock.systemUTC(), "occurredAt"));
        assertEquals("occurredAt", refused.errors().get(0).field());
        assertEquals(Times.TOO_EARLY, refused.errors().get(0).message());
    }

    @Test
    void aReportDatedPastTheSkewIsReadAsReceived() {
        Instant now = NOW.truncatedTo(ChronoUnit.MILLIS);
        assertEquals(now, Times.asReceived(now.plus(Times.CLOCK_SKEW).plusMillis(1), now), "an hour ahead: arrival");
        assertEquals(now, Times.asReceived(now.plus(java.time.Duration.ofDays(365 * 70)), now));
        Instant fast = now.plus(Times.CLOCK_SKEW);
        assertEquals(fast, Times.asReceived(fast, now), "within the skew, kept: a retry is recognised");
        Instant earlier = now.minusSeconds(3600).plusNanos(123_456);
        assertEquals(earlier.truncatedTo(ChronoUnit.MILLIS), Times.asReceived(earlier, now));
    }

    @Test
    void aClientsInstantLiesInTheYearsOneTo9999() {
        assertDoesNotThrow(() -> Times.checkRange(NOW, "at"));
        assertDoesNotThrow(() -> Times.checkRange(Instant.parse("0001-01-01T00:00:00Z"), "at"));
        assertDoesNotThrow(() -> Times.checkRange(Instant.parse("9999-12-31T23:59:59.999Z"), "at"));
        assertDoesNotThrow(() -> Times.checkRange(null, "at"));
        for (String far : new String[] {
            "+10000-01-01T00:00:00Z", "-10000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "0000-12-31T23:59:59Z"
        }) {
            InvalidInputException e = assertThrows(
                    InvalidInputException.class, () -> Times.checkRange(Instant.parse(far), "sentAt"), far);
            assertEquals("sentAt", e.errors().get(0).field());
            assertEquals(Times.OUT_OF_RANGE, e.errors().get(0).message());
        }
    }

    @Test
    void aClientsInstantIsReadAsRfc3339WritesIt() {
        assertEquals(Instant.parse("2026-01-31T11:00:00.250Z"), Times.parseInstant("2026-01-31T12:00:00.250+01:00"));
        assertEquals(Instant.parse("2026-01-31T12:00:00Z"), Times.parseInstant("2026-01-31t12:00:00z"));
        assertEquals(Instant.parse("+10000-01-01T00:00:00Z"), Times.parseInstant("+10000-01-01T00:00:00Z"));
        for (String wrong : List.of(
                "2026-12-01T24:00:00Z",
                "2026-12-01T23:59:60Z",
                "2026-12-01T10:00:00.Z",
                "2026-12-01T10:00Z",
                "2026-12-01T10:00:00",
                "2026-02-30T10:00:00Z",
                "2026-12-01 10:00:00Z",
                "2026-12-01T10:00:00.1234567890Z")) {
            assertThrows(DateTimeParseException.class, () -> Times.parseInstant(wrong), wrong);
        }
    }
}
