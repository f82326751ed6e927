package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountedInputStreamTest {

    @Test
    void theGuardSeesTheRunningTotalOfSingleAndBulkReads() throws IOException {
        List<Long> totals = new ArrayList<>();
        InputStream in = new CountedInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5}), totals::add);

        assertEquals(1, in.read());
        byte[] rest = new byte[8];
        assertEquals(4, in.read(rest, 0, rest.length));
        assertEquals(-1, in.read());
        assertEquals(-1, in.read(rest, 0, rest.length));

        assertEquals(List.of(1L, 5L), totals);
        assertArrayEquals(new byte[] {2, 3, 4, 5}, java.util.Arrays.copyOf(rest, 4));
    }

    @Test
    void aGuardThatThrowsStopsTheStreamAtItsBound() {
        InputStream in = new CountedInputStream(new ByteArrayInputStream(new byte[100]), read -> {
            if (read > 10) {
                throw new IllegalStateException("over " + read);
            }
        });

        IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> in.readAllBytes());
        assertEquals("over 100", stopped.getMessage());
    }
}
