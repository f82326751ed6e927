package eu.consent.batch.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdRangesTest {

    @Test
    void rangesFollowEachOtherInKeyOrderFromNothingToNoEnd() {
        assertEquals(
                List.of(
                        new IdRanges.Range("", "4000"),
                        new IdRanges.Range("4000", "8000"),
                        new IdRanges.Range("8000", "c000"),
                        new IdRanges.Range("c000", null)),
                IdRanges.split(4));
        assertEquals(List.of(new IdRanges.Range("", null)), IdRanges.split(1));
    }

    @Test
    void everyIdFallsInExactlyOneRangeAndRandomIdsSpreadEvenly() {
        List<IdRanges.Range> ranges = IdRanges.split(3);
        int[] counts = new int[ranges.size()];
        List<String> edges = List.of(
                "00000000-0000-0000-0000-000000000000",
                "55540000-0000-4000-8000-000000000000",
                "5554ffff-ffff-4fff-bfff-ffffffffffff",
                "55550000-0000-4000-8000-000000000000",
                "ffffffff-ffff-4fff-bfff-ffffffffffff");
        for (int i = 0; i < 30_000; i++) {
            String id = i < edges.size() ? edges.get(i) : UUID.randomUUID().toString();
            long in = ranges.stream().filter(r -> r.contains(id)).count();
            assertEquals(1, in, id);
            for (int r = 0; r < ranges.size(); r++) {
                if (ranges.get(r).contains(id)) {
                    counts[r]++;
                }
            }
        }
        for (int count : counts) {
            // 10,000 expected each; six standard deviations (~490) is far beyond chance.
            assertEquals(10_000, count, 500);
        }
    }

    @Test
    void aCountOutsideOneToTheMaximumIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> IdRanges.split(0));
        assertThrows(IllegalArgumentException.class, () -> IdRanges.split(IdRanges.MAX + 1));
    }
}
