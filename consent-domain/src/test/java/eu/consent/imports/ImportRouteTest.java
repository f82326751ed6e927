package eu.consent.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportRouteTest {

    private static Item.Row row(long line, String email, String phone) {
        return new Item.Row(line, "", 0, email, phone, null, null, null, null, null, Map.of(), null, null, Set.of());
    }

    @Test
    void everyRowOfOnePersonGoesToOnePartition() {
        int first = ImportRoute.of(row(2, "ann@example.com", null), 4);
        assertEquals(first, ImportRoute.of(row(900, "ann@example.com", "+33612345678"), 4));
        Item.Rejected reject = new Item.Rejected(50, "", 0, RejectReason.INVALID, "purpose", "ann@example.com", null);
        assertEquals(first, ImportRoute.of(reject, 4), "a rejected row of the person goes with the person's rows");
    }

    @Test
    void thePhoneRoutesARowWithoutEmail() {
        int byPhone = ImportRoute.of(row(2, null, "+33612345678"), 5);
        assertEquals(byPhone, ImportRoute.of(row(77, null, "+33612345678"), 5));
    }

    @Test
    void rowsSpreadOverEveryPartitionWithinRange() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int p = ImportRoute.of(row(i, "p" + i + "@example.com", null), 3);
            assertTrue(Set.of(0, 1, 2).contains(p), "partition " + p);
            seen.add(p);
        }
        assertEquals(Set.of(0, 1, 2), seen);
        for (long line = 0; line < 10; line++) {
            int p = ImportRoute.of(new Item.Rejected(line, "", 0, RejectReason.INVALID, "email", null, null), 3);
            assertEquals((int) (line % 3), p, "a row naming nobody goes by its line");
        }
    }

    @Test
    void onePartitionTakesEverything() {
        assertEquals(0, ImportRoute.of(row(3, "ann@example.com", null), 1));
    }
}
