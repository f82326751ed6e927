package eu.consent.shared;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash (HMAC-SHA256 with a server secret) under which an identifier outlives its contact: enough to
 * recognize the same normalized email or phone again, useless to recover it without the secret.
 */
public final class KeyedHash {

    private final byte[] secret;

    public KeyedHash(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the identifier hash secret needs 16+ characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String of(String normalizedIdentifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(normalizedIdentifier.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
        }
    }
}
