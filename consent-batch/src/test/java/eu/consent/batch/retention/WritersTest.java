package eu.consent.batch.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.consent.batch.StepContexts;
import eu.consent.retention.RetentionService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The retention writers hand each chunk to the domain with the cut-offs their reader fixed. */
class WritersTest {

    private static final Instant CUTOFF = Instant.parse("2023-01-01T00:00:00Z");
    private static final Instant FLAG_CUTOFF = Instant.parse("2023-07-01T00:00:00Z");

    /** Records what the writers ask of the domain. */
    static final class Recording extends RetentionService {
        final List<String> calls = new ArrayList<>();

        @Override
        public int purgeAll(List<UUID> ids, Instant cutoff) {
            calls.add("purge " + ids.size() + " before " + cutoff);
            return ids.size();
        }

        @Override
        public void flag(UUID id) {
            calls.add("flag " + id);
        }

        @Override
        public int unflagActive(Instant flagCutoff) {
            calls.add("unflag since " + flagCutoff);
            return 0;
        }

        @Override
        public int expirePending(UUID contactId, Instant cutoff) {
            calls.add("expire " + contactId + " before " + cutoff);
            return 1;
        }
    }

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final Recording retention = new Recording();

    @Test
    void thePurgeWriterPurgesAWholeChunkAtTheReadersCutOff() {
        PurgeWriter writer = new PurgeWriter();
        writer.retention = retention;
        writer.step = StepContexts.holding(new Position(CUTOFF, null, "x"));

        writer.writeItems(List.of(a.toString(), b.toString()));

        assertEquals(List.of("purge 2 before " + CUTOFF), retention.calls);
    }

    @Test
    void theFlagWriterDropsThoseActiveAgainOncePerRunThenFlagsEachContact() {
        FlagWriter writer = new FlagWriter();
        writer.retention = retention;
        writer.step = StepContexts.holding(new Position(CUTOFF, FLAG_CUTOFF, ""));

        writer.writeItems(List.of(a.toString()));
        writer.writeItems(List.of(b.toString()));

        assertEquals(List.of("unflag since " + FLAG_CUTOFF, "flag " + a, "flag " + b), retention.calls);
    }

    @Test
    void theExpiryWriterExpiresEachContactsPendingGrantsAtTheReadersCutOff() {
        ExpiryWriter writer = new ExpiryWriter();
        writer.retention = retention;
        writer.step = StepContexts.holding(new Position(CUTOFF, null, ""));

        writer.writeItems(List.of(a.toString(), b.toString()));

        assertEquals(
                List.of("expire " + a + " before " + CUTOFF, "expire " + b + " before " + CUTOFF), retention.calls);
    }
}
