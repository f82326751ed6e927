package eu.consent.batch.retention;

import java.io.Serializable;
import java.time.Instant;

/**
 * A reader's checkpoint: the cut-off fixed when the job first started (a restart keeps it, so the same contacts are
 * in scope) and the last id handed to a committed chunk.
 */
public record Position(Instant cutoff, Instant secondCutoff, String lastId) implements Serializable {}
