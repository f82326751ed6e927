package eu.consent.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the chain's links are sealed: entries from {@code keyedFrom} on carry an HMAC-SHA256 under the audit secret,
 * older ones (written before the chain was keyed) their plain SHA-256. A rewrite by someone without the secret can
 * only produce plain hashes, and verification names it as such.
 */
public final class AuditKey {

    private final byte[] secret;
    private final long keyedFrom;

    public AuditKey(String secret, long keyedFrom) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the audit secret needs 16+ characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.keyedFrom = keyedFrom;
    }

    /** The first sequence number whose hash is keyed. */
    public long keyedFrom() {
        return keyedFrom;
    }

    /** The hash an entry must carry. */
    public String seal(AuditEntry e) {
        return e.seq() >= keyedFrom ? mac(AuditChain.text(e)) : AuditChain.hash(e);
    }

    /** An HMAC-SHA256 of {@code text} under the audit secret, in hex: also what signs an exported head. */
    public String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
        }
    }
}
