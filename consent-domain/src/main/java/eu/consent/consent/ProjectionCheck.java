package eu.consent.consent;

import java.util.List;

/**
 * The projection compared with a fold of every event: how many keys were checked, how many differ, and the first
 * of those (a bounded list).
 */
public record ProjectionCheck(boolean valid, long checked, long differences, List<String> mismatches) {}
