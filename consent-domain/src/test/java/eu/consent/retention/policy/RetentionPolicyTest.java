package eu.consent.retention.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionPolicyTest {

    private static RetentionPolicy months(int months) {
        RetentionPolicy policy = new RetentionPolicy();
        policy.retentionMonths = months;
        return policy;
    }

    /**
     * The re-permission list's date is the moment the decisions and the purge start to count the person stale: not
     * before it, and at it (tester AY's F2: a 29 February was listed a day early).
     */
    @ParameterizedTest
    @CsvSource({
        "2024-02-29T10:00:00Z, 36, 2027-03-01T00:00:00Z",
        "2024-01-31T08:00:00Z, 1, 2024-03-01T00:00:00Z",
        "2024-03-15T10:00:00Z, 36, 2027-03-15T10:00:00Z",
        "2023-08-31T23:30:00Z, 6, 2024-03-01T00:00:00Z"
    })
    void expiresWhenTheCutOffPassesTheLastAct(String last, int months, String expected) {
        RetentionPolicy policy = months(months);
        Instant lastAct = Instant.parse(last);
        Instant at = policy.expiresAt(lastAct);
        assertEquals(Instant.parse(expected), at);
        assertFalse(RetentionPolicy.isExpired(lastAct, null, policy.cutoff(at.minusMillis(1))), "a moment before");
        assertTrue(RetentionPolicy.isExpired(lastAct, null, policy.cutoff(at.plusMillis(1))), "a moment after");
    }
}
