package eu.consent.purpose;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The command to define a purpose: its key, kind, channels, whether a consent waits for an email confirmation, whether
 * it covers offers similar to past purchases, and its name per locale (checked by {@link PurposeService#checkNames}).
 * Typed, so that the domain never parses what a request carried.
 */
public record CreatePurpose(
        PurposeKey key,
        PurposeKind kind,
        Set<Channel> channels,
        boolean doubleOptIn,
        boolean similarToPurchases,
        Map<String, String> names) {

    public CreatePurpose {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a purpose is reached on at least one channel");
        }
        channels = Set.copyOf(channels);
    }
}
