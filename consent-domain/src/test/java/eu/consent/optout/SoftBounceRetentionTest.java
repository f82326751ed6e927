package eu.consent.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SoftBounceRetentionTest {

    @Test
    void aBounceIsForgottenOnceTheWindowThatCountsItHasPassed() {
        Instant now = Instant.now();
        assertEquals(now.minus(Duration.ofDays(30)), SoftBounceRetention.cutoff(now, Duration.parse("P30D")));
        assertEquals(now.minus(Duration.ofHours(2)), SoftBounceRetention.cutoff(now, Duration.parse("PT2H")));
    }
}
