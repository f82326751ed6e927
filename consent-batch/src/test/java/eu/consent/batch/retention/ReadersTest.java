package eu.consent.batch.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import eu.consent.retention.policy.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The cut-offs each retention job fixes on its first start, from its job parameter or the server's settings. */
class ReadersTest {

    private static final Instant NOW = Instant.parse("2026-03-31T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final RetentionPolicy POLICY = new RetentionPolicy() {
        @Override
        public int retentionMonths() {
            return 36;
        }

        @Override
        public int reactivationMonths() {
            return 30;
        }

        @Override
        public int pendingExpiryDays() {
            return 7;
        }
    };

    @Test
    void thePurgeCutOffIsTheRetentionPeriodInCalendarMonthsOrTheJobParameter() {
        assertEquals(Instant.parse("2023-03-31T10:00:00Z"), PurgePartitions.cutoff(NOW, null, POLICY));
        assertEquals(Instant.parse("2023-03-31T10:00:00Z"), PurgePartitions.cutoff(NOW, " ", POLICY));
        // 31 March minus one month is the last day of February.
        assertEquals(Instant.parse("2026-02-28T10:00:00Z"), PurgePartitions.cutoff(NOW, "1", POLICY));
    }

    @Test
    void aPartitionOfThePurgeStartsAtItsRangeWithTheCutOffItsMapperFixed() {
        StaleContactReader reader = new StaleContactReader();
        reader.cutoff = "2023-03-31T10:00:00Z";
        reader.after = "8000";
        reader.until = "c000";

        Position start = reader.start();

        assertEquals(new Position(Instant.parse("2023-03-31T10:00:00Z"), null, "8000"), start);
    }

    @Test
    void thePartitionCountDefaultsToTheCoresOnPostgresqlAndToOneOnDerby() {
        assertEquals(
                Math.min(IdRanges.MAX, Runtime.getRuntime().availableProcessors()), PurgePartitions.count(null, false));
        assertEquals(1, PurgePartitions.count(" ", true));
        assertEquals(3, PurgePartitions.count("3", false));
        assertEquals(3, PurgePartitions.count("3", true));
    }

    @Test
    void theRePermissionWindowRunsFromThePurgeCutOffToTheFlagCutOff() {
        NearingPurgeReader reader = new NearingPurgeReader();
        reader.policy = POLICY;
        reader.clock = CLOCK;

        Position start = reader.start();

        assertEquals(Instant.parse("2023-03-31T10:00:00Z"), start.cutoff());
        assertEquals(Instant.parse("2023-09-30T10:00:00Z"), start.secondCutoff());
    }

    @Test
    void pendingDoubleOptInsExpireAfterTheServerDaysOrTheJobParameter() {
        PendingReader reader = new PendingReader();
        reader.policy = POLICY;
        reader.clock = CLOCK;

        assertEquals(NOW.minus(Duration.ofDays(7)), reader.start().cutoff());
        reader.expiryDays = "30";
        assertEquals(NOW.minus(Duration.ofDays(30)), reader.start().cutoff());
        assertNull(reader.start().secondCutoff());
    }
}
