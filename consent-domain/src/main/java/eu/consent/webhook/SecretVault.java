package eu.consent.webhook;

import eu.consent.shared.Secrets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps webhook signing secrets encrypted at rest (AES-256-GCM), so that a copy of the database or a backup does not
 * let anyone forge deliveries. The key ring {@code consent.webhooks.secret-keys} is {@code id:secret,...}: the first
 * key seals, every key opens; the server re-seals under the first key at start, so that an old key can then be
 * dropped. The subscription id is the authenticated data: a sealed secret copied onto another row does not open.
 */
@ApplicationScoped
public class SecretVault {

    /** Sealed form: {@code aes:<key id>:<base64 of the 12-byte nonce, the ciphertext and the tag>}. */
    static final String SEALED = "aes:";

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9-]{1,20}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(SecretVault.class.getName());

    /** One key of the ring. */
    private record Key(String id, SecretKey key) {}

    @Inject
    @ConfigProperty(name = "consent.webhooks.secret-keys", defaultValue = "wh1:dev-only-webhook-secret-key")
    String ring;

    private List<Key> keys;

    protected SecretVault() {}

    /** A vault over a key ring written as in the setting (tests and tools). */
    public static SecretVault of(String ring) {
        SecretVault vault = new SecretVault();
        vault.ring = ring;
        vault.parse();
        return vault;
    }

    @PostConstruct
    void parse() {
        List<Key> parsed = new ArrayList<>();
        for (String entry : ring.split(",")) {
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).strip();
            String secret = colon < 0 ? "" : entry.substring(colon + 1).strip();
            if (!KEY_ID.matcher(id).matches() || secret.length() < 16) {
                throw new IllegalStateException("consent.webhooks.secret-keys: each entry is id:secret, the id"
                        + " [A-Za-z0-9-]{1,20} and the secret at least 16 characters (e.g. openssl rand -base64 32)");
            }
            parsed.add(new Key(id, derive(secret)));
        }
        keys = List.copyOf(parsed);
        if (ring.contains(Secrets.DEV_MARKER)) {
            LOG.warning("consent.webhooks.secret-keys holds the development key: webhook secrets in the database can"
                    + " be read by anyone who reads the source; set a secret key ring in production");
        }
    }

    /** The secret as it is stored for this subscription, under the first key of the ring. */
    public String seal(String subscriptionId, String secret) {
        Key key = keys.get(0);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key.key(), nonce, subscriptionId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, nonce.length);
            System.arraycopy(sealed, 0, stored, nonce.length, sealed.length);
            return SEALED + key.id() + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /**
     * The clear secret of a stored one. A secret stored in clear (written before secrets were sealed, and not yet
     * re-sealed by a start) is read as it is.
     */
    public String open(String subscriptionId, String stored) {
        if (!stored.startsWith(SEALED)) {
            return stored;
        }
        String rest = stored.substring(SEALED.length());
        int colon = rest.indexOf(':');
        String id = colon < 0 ? "" : rest.substring(0, colon);
        Key key = keys.stream()
                .filter(k -> k.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("a webhook secret of subscription " + subscriptionId
                        + " is sealed with key '" + id + "', which consent.webhooks.secret-keys no longer holds"));
        try {
            byte[] bytes = Base64.getDecoder().decode(rest.substring(colon + 1));
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key.key(), bytes, subscriptionId);
            byte[] clear = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(clear, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException(
                    "the webhook secret of subscription " + subscriptionId + " does not open: altered or moved", e);
        }
    }

    /** True when the stored secret opens with a key of the ring (or is in clear). */
    public boolean opens(String subscriptionId, String stored) {
        try {
            open(subscriptionId, stored);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** True when a stored secret is sealed under the first key of the ring, so that nothing needs re-sealing. */
    public boolean isCurrent(String stored) {
        return stored.startsWith(SEALED + keys.get(0).id() + ":");
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String subscriptionId)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce, 0, NONCE_BYTES));
        cipher.updateAAD(subscriptionId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** An AES-256 key from a configured secret of any form (a passphrase or random base64), labelled for this use. */
    private static SecretKey derive(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("consent webhook secrets\0" + secret).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
