package eu.consent.shared;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed links that name one thing by its id and expire: {@code <base>/<path>/<token>}, the token signing
 * {@code kind|id|expiry-epoch-seconds}. One kind per use (confirmation, "keep me"), so that a token of one kind is
 * never accepted as another; an expired token still reads, so that a page can say "this link has expired" rather than
 * "unknown link".
 */
public final class ExpiringLinks {

    /** What a valid token names, and whether its time was up when read. */
    public record Target(UUID id, boolean expired) {}

    private final String kind;
    private final String path;

    /**
     * @param kind the token's first field, distinct per use
     * @param path the link's path below the base URL, without slashes ({@code confirm})
     */
    public ExpiringLinks(String kind, String path) {
        if (kind.contains("|") || path.contains("/")) {
            throw new IllegalArgumentException("a kind without '|' and a path without '/'");
        }
        this.kind = kind;
        this.path = path;
    }

    /** The public link to {@code id}, valid until {@code expires}. */
    public String url(TokenSigner signer, String baseUrl, UUID id, Instant expires) {
        return baseUrl.replaceAll("/+$", "") + "/" + path + "/"
                + signer.sign(kind + "|" + id + "|" + expires.getEpochSecond());
    }

    /** What a token names, or empty for anything forged, truncated, malformed or of another kind. */
    public Optional<Target> read(TokenSigner signer, Clock clock, String token) {
        return signer.verify(token).flatMap(payload -> {
            String[] parts = payload.split("\\|");
            if (parts.length != 3 || !parts[0].equals(kind)) {
                return Optional.empty();
            }
            try {
                Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
                return Optional.of(
                        new Target(UUID.fromString(parts[1]), clock.instant().isAfter(expires)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
