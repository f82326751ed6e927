package eu.consent.consent;

import java.util.List;

/** The projection compared with a fold of every event: how many keys were checked and which ones differ. */
public record ProjectionCheck(boolean valid, long checked, List<String> mismatches) {}
