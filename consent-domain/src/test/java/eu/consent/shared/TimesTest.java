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
}
