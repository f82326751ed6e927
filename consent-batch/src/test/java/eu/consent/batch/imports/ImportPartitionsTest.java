package eu.consent.batch.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImportPartitionsTest {

    @Test
    void oneOnDerbyAndTheCoresOnPostgresqlUnlessAsked() {
        assertEquals(1, ImportPartitions.count(null, true));
        assertEquals(1, ImportPartitions.count(" ", true));
        assertEquals(
                Math.min(ImportPartitions.MAX, Runtime.getRuntime().availableProcessors()),
                ImportPartitions.count(null, false));
        assertEquals(3, ImportPartitions.count("3", true));
        assertEquals(2, ImportPartitions.count(" 2 ", false));
    }

    @Test
    void aCountOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ImportPartitions.count("0", false));
        assertThrows(IllegalArgumentException.class, () -> ImportPartitions.count("17", false));
    }
}
