package eu.consent.retention;

import eu.consent.shared.ExpiringLinks;
import eu.consent.shared.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The signed "keep me" links of re-permission messages ({@code /stay/TOKEN}). A link names the contact and when it
 * expires: the message goes out in the months before the purge, so the link lives that long and no longer.
 */
@ApplicationScoped
public class ReactivationLinks {

    private static final ExpiringLinks LINKS = new ExpiringLinks("stay", "stay");

    @Inject
    TokenSigner signer;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.public.base-url", defaultValue = "http://localhost:9080")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "consent.reactivation.link-days", defaultValue = "180")
    long linkDays;

    /** What a valid token names: the contact, and whether the link's time is up. */
    public record Target(UUID contactId, boolean expired) {}

    public String urlFor(UUID contactId) {
        return LINKS.url(signer, baseUrl, contactId, clock.instant().plus(Duration.ofDays(linkDays)));
    }

    /** The contact a token names, or empty for anything forged, truncated or of another kind. */
    public Optional<Target> read(String token) {
        return LINKS.read(signer, clock, token).map(t -> new Target(t.id(), t.expired()));
    }
}
