package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
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
}
