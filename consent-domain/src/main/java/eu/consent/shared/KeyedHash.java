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

    private final ThreadLocal<Mac> mac;

    public KeyedHash(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the identifier hash secret needs 16+ characters");
        }
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(key, "HmacSHA256"));
                return m;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
            }
        });
    }

    public String of(String normalizedIdentifier) {
        return HexFormat.of().formatHex(mac.get().doFinal(normalizedIdentifier.getBytes(StandardCharsets.UTF_8)));
    }
}
