package eu.consent.purpose;

import java.util.List;
import java.util.Map;

/** A purpose as a client defines it; enum values stay strings so an unknown one is reported on its field. */
public record PurposeInput(
        String key,
        String kind,
        List<String> channels,
        Boolean doubleOptIn,
        Boolean similarToPurchases,
        Map<String, String> names) {}
