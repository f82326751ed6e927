package eu.consent.consent;

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
 * The signed, expiring links of double opt-in messages. The token names the grant it confirms and when it expires;
 * the signature makes it unguessable and unforgeable.
 */
@ApplicationScoped
public class ConfirmationLinks {

    private static final ExpiringLinks LINKS = new ExpiringLinks("confirm", "confirm");

    @Inject
    TokenSigner signer;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.public.base-url", defaultValue = "http://localhost:9080")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "consent.confirm.ttl-hours", defaultValue = "168")
    long ttlHours;

    /** What a valid token says: which grant, and whether its time is up. */
    public record Target(UUID grantEventId, boolean expired) {}

    public String urlFor(ConsentEvent grant) {
        return LINKS.url(signer, baseUrl, grant.id(), clock.instant().plus(Duration.ofHours(ttlHours)));
    }

    /** The grant a token points at, or empty when the token is not one of ours. */
    public Optional<Target> read(String token) {
        return LINKS.read(signer, clock, token).map(t -> new Target(t.id(), t.expired()));
    }
}
