package eu.consent.batch.audit;

import java.io.Serializable;

/** A chain position known to be good: the reader's checkpoint and the writer's item. */
public record VerifiedLink(long seq, String hash) implements Serializable {}
