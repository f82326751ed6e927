package eu.consent.suppression;

import eu.consent.purpose.Channel;

/** Filters of the suppression list; null means any. */
public record SuppressionFilter(Channel channel, SuppressionReason reason, String source) {}
