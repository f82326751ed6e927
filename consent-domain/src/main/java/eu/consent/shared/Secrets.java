package eu.consent.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's secrets, from configuration. The development defaults are marked as such, and the server says so in
 * its log at start, so that nobody runs production on them unknowingly.
 */
@ApplicationScoped
public class Secrets {

    /** Marks a development default; a secret containing it is reported at start. */
    public static final String DEV_MARKER = "dev-only";

    private static final Logger LOG = Logger.getLogger(Secrets.class.getName());

    @Inject
    @ConfigProperty(name = "consent.token.keys", defaultValue = "dev1:dev-only-token-key-change-me")
    String tokenKeys;

    @Inject
    @ConfigProperty(name = "consent.hash.secret", defaultValue = "dev-only-identifier-hash-secret")
    String hashSecret;

    @Produces
    @Singleton
    TokenSigner tokenSigner() {
        if (tokenKeys.contains(DEV_MARKER)) {
            LOG.warning("consent.token.keys holds the development key: public links can be forged by anyone who"
                    + " reads the source; set a secret key ring in production");
        }
        return TokenSigner.fromKeyRing(tokenKeys);
    }

    @Produces
    @Singleton
    KeyedHash keyedHash() {
        if (hashSecret.contains(DEV_MARKER)) {
            LOG.warning("consent.hash.secret is the development secret; set a secret in production");
        }
        return new KeyedHash(hashSecret);
    }
}
