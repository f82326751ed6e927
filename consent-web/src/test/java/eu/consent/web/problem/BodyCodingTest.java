package eu.consent.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class BodyCodingTest {

    @Test
    void aCodingTheContainerDoesNotDecodeIsNamed() {
        assertEquals(Optional.empty(), BodyCoding.unsupported("gzip"));
        assertEquals(Optional.empty(), BodyCoding.unsupported("GZIP, identity"));
        assertEquals(Optional.empty(), BodyCoding.unsupported("x-gzip,deflate"));
        assertEquals(Optional.of("br"), BodyCoding.unsupported("br"));
        assertEquals(Optional.of("zstd"), BodyCoding.unsupported("gzip, zstd"));
    }

    @Test
    void aBodyThatIsNotWhatItsCodingSaysIsFoundWhereverItIsWrapped() {
        assertTrue(
                BodyCoding.broken(new UncheckedIOException(new IOException(new ZipException("Not in GZIP format")))));
        assertFalse(BodyCoding.broken(new IOException("connection reset")));
        assertFalse(BodyCoding.broken(new IllegalStateException()));
    }
}
