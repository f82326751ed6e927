package eu.consent.suppression.sources;

import java.io.Serializable;

/**
 * One step of applying a source's staged snapshot: an entry to add, an entry to remove, or the end of the source (then
 * its run is recorded and audited with what it wrote). The resync job reads these and writes them a chunk at a time.
 */
public sealed interface SourceDiff extends Serializable {

    String source();

    /** The key a snapshot's rows are read in: identifier hash, channel, reason. */
    record Key(String hash, String channel, String reason) implements Serializable {
        public static final Key FIRST = new Key("", "", "");
    }

    /**
     * An entry to add; {@code listedOn}: the date the list's line gives it (when the person unsubscribed there), null if
     * none.
     */
    record Add(String source, String hash, String kind, String channel, String reason, java.time.Instant listedOn)
            implements SourceDiff {
        public Add(String source, String hash, String kind, String channel, String reason) {
            this(source, hash, kind, channel, reason, null);
        }

        public Key key() {
            return new Key(hash, channel, reason);
        }
    }

    record Remove(String source, String id) implements SourceDiff {}

    record Applied(String source) implements SourceDiff {}
}
