package eu.consent.receipt;

import eu.consent.shared.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The person's own download link of a receipt ({@code /receipts/TOKEN}): a signed token naming the event, so that the
 * link given on the confirmation page or in a mail works without a login and cannot be turned into another person's.
 * It does not expire: a receipt is the person's to keep.
 */
@ApplicationScoped
public class ReceiptLinks {

    private static final String KIND = "receipt";

    @Inject
    TokenSigner signer;

    @Inject
    @ConfigProperty(name = "consent.public.base-url", defaultValue = "http://localhost:9080")
    String baseUrl;

    public String urlFor(UUID eventId) {
        return baseUrl.replaceAll("/+$", "") + "/receipts/" + signer.sign(KIND + "|" + eventId);
    }

    /** The event a token names, or empty for anything forged, truncated or of another kind. */
    public Optional<UUID> read(String token) {
        return signer.verify(token).flatMap(payload -> {
            String[] parts = payload.split("\\|");
            if (parts.length != 2 || !parts[0].equals(KIND)) {
                return Optional.empty();
            }
            try {
                return Optional.of(UUID.fromString(parts[1]));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
