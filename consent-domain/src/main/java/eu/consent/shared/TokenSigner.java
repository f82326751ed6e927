package eu.consent.shared;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the tokens of public links (HMAC-SHA256, URL-safe). Several keys may be accepted at once, each
 * named by a key id carried in the token, so that a key is rotated without breaking links already sent: the first key
 * signs, all of them verify.
 *
 * <p>Token form: {@code base64url(payload) "." keyId "." base64url(mac)}; the MAC covers the key id and the payload.
 */
public final class TokenSigner {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String signingKeyId;
    private final Map<String, byte[]> keys;

    /** One initialized MAC per key and thread: creating one costs more than using it (bulk decisions sign a lot). */
    private final Map<String, ThreadLocal<Mac>> macs = new java.util.HashMap<>();

    private TokenSigner(String signingKeyId, Map<String, byte[]> keys) {
        this.signingKeyId = signingKeyId;
        this.keys = keys;
        keys.forEach((id, key) -> macs.put(id, ThreadLocal.withInitial(() -> newMac(key))));
    }

    /**
     * Reads a key ring written as {@code id:secret,id:secret}; the first key signs. Secrets shorter than 16 characters
     * are refused: a guessable key would make every link forgeable.
     */
    public static TokenSigner fromKeyRing(String ring) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String first = null;
        for (String entry : ring.split(",")) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a key is written id:secret");
            }
            String id = entry.substring(0, colon).strip();
            String secret = entry.substring(colon + 1).strip();
            if (!KEY_ID.matcher(id).matches() || secret.length() < 16) {
                throw new IllegalArgumentException("key " + id + ": ids are [A-Za-z0-9_-]{1,16}, secrets 16+ chars");
            }
            keys.put(id, secret.getBytes(StandardCharsets.UTF_8));
            first = first == null ? id : first;
        }
        return new TokenSigner(first, Map.copyOf(keys));
    }

    public String sign(String payload) {
        String body = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return body + "." + signingKeyId + "." + ENCODER.encodeToString(mac(signingKeyId, body));
    }

    /** The payload of a token made with one of our keys, or empty for anything forged, truncated or unknown. */
    public Optional<String> verify(String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !keys.containsKey(parts[1])) {
            return Optional.empty();
        }
        try {
            byte[] given = DECODER.decode(parts[2]);
            byte[] expected = mac(parts[1], parts[0]);
            // One spelling per token: base64 ignores the unused low bits of the MAC's last character, so without the
            // second check four different URLs would open the same link. (The payload's text is under the MAC.)
            if (!MessageDigest.isEqual(given, expected)
                    || !ENCODER.encodeToString(given).equals(parts[2])) {
                return Optional.empty();
            }
            return Optional.of(new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String keyId, String body) {
        Mac mac = macs.get(keyId).get();
        mac.update(keyId.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
        }
    }
}
