package eu.consent.receipt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The receipt key ring, read from a JWK set (RFC 7517): the first key, which must hold its private part, signs; every
 * key's public part is published, so that receipts signed before a rotation keep verifying. Rotate by putting a new
 * key first and keeping the old ones (their public part is enough) for as long as their receipts must verify.
 */
public final class ReceiptKeys {

    private final ECKey signingKey;
    private final JWSSigner signer;
    private final JWKSet published;

    private ReceiptKeys(ECKey signingKey, JWKSet published) throws JOSEException {
        this.signingKey = signingKey;
        this.signer = new ECDSASigner(signingKey);
        this.published = published;
    }

    /** Reads the ring; refuses anything but P-256 EC keys with ids, and a first key without its private part. */
    public static ReceiptKeys parse(String jwkSet) {
        JWKSet set;
        try {
            set = JWKSet.parse(jwkSet);
        } catch (ParseException e) {
            throw new IllegalArgumentException("consent.receipt.keys is not a JWK set: " + e.getMessage(), e);
        }
        if (set.getKeys().isEmpty()) {
            throw new IllegalArgumentException("consent.receipt.keys holds no key");
        }
        List<JWK> publicKeys = new ArrayList<>();
        for (JWK key : set.getKeys()) {
            if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || key.getKeyID() == null) {
                throw new IllegalArgumentException("consent.receipt.keys: every key is an EC P-256 key with a kid");
            }
            publicKeys.add(key.toPublicJWK());
        }
        ECKey first = (ECKey) set.getKeys().get(0);
        if (!first.isPrivate()) {
            throw new IllegalArgumentException("consent.receipt.keys: the first key signs and needs its private part");
        }
        try {
            return new ReceiptKeys(first, new JWKSet(publicKeys));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("consent.receipt.keys: " + e.getMessage(), e);
        }
    }

    JWSAlgorithm algorithm() {
        return JWSAlgorithm.ES256;
    }

    String signingKeyId() {
        return signingKey.getKeyID();
    }

    JWSSigner signer() {
        return signer;
    }

    /** The public keys as the JSON of {@code /.well-known/jwks.json}. */
    public String publicJson() {
        return published.toString(true);
    }
}
