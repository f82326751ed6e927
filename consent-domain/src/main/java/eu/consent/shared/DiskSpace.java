package eu.consent.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Caps the disk that uploads may take, so that a full disk can never stop opt-outs: the files waiting in the upload
 * folder stay under a quota, and uploads (files, or lists staged in the database) stop while the folder's or the
 * database's disk still has a floor of free space left for everything else.
 */
@ApplicationScoped
public class DiskSpace {

    /** How often a streamed upload looks at the disk again. */
    private static final long CHECK_EVERY_BYTES = 4L << 20;

    @Inject
    @ConfigProperty(name = "consent.uploads.quota-bytes", defaultValue = "10737418240")
    long quota;

    @Inject
    @ConfigProperty(name = "consent.uploads.min-free-bytes", defaultValue = "1073741824")
    long floor;

    @Inject
    @ConfigProperty(name = "consent.db.path", defaultValue = ".")
    String databasePath;

    /** Refuses an upload of {@code declared} bytes (-1: unknown) into {@code folder} that would pass a limit. */
    public void checkUpload(Path folder, long declared) {
        long incoming = Math.max(declared, 0);
        long waiting = waiting(folder);
        if (waiting + incoming > quota) {
            throw new InsufficientStorageException(
                    "the uploads waiting to be processed (" + waiting + " bytes) and this"
                            + " one (" + incoming + " bytes) would pass the upload quota of " + quota + " bytes"
                            + " (consent.uploads.quota-bytes); retry once the waiting imports have run");
        }
        checkFloor(folder, incoming);
    }

    /** The upload as it is read into {@code folder}: it stops (507) as soon as it passes the quota or the floor. */
    public InputStream guard(InputStream upload, Path folder) {
        long before = waiting(folder);
        long[] nextCheck = {CHECK_EVERY_BYTES};
        return new CountedInputStream(upload, read -> {
            if (before + read > quota) {
                throw new InsufficientStorageException("this upload passed the upload quota of " + quota
                        + " bytes (consent.uploads.quota-bytes, " + before + " bytes were already waiting)");
            }
            if (read >= nextCheck[0]) {
                nextCheck[0] = read + CHECK_EVERY_BYTES;
                checkFloor(folder, 0);
            }
        });
    }

    /** Refuses to stage more into the database while its disk is down to the floor. */
    public void checkDatabase() {
        Path database = Path.of(databasePath).toAbsolutePath();
        Path existing = database;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            checkFloor(existing, 0);
        }
    }

    private void checkFloor(Path place, long incoming) {
        long usable;
        try {
            Path existing = Files.exists(place) ? place : place.toAbsolutePath().getParent();
            usable = Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (usable - incoming < floor) {
            throw new InsufficientStorageException("the disk of " + place + " has " + usable + " bytes free; uploads"
                    + " must leave " + floor + " (consent.uploads.min-free-bytes) for the service's own writes,"
                    + " opt-outs first");
        }
    }

    private static long waiting(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0; // deleted meanwhile: its job finished
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
