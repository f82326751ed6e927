package eu.consent.consent;

import eu.consent.shared.Violations;
import java.util.regex.Pattern;

/**
 * The evidence of how a person expressed their choice: where from ({@code ip}, {@code userAgent}, {@code formUrl}),
 * or who took it down ({@code agentId} at a counter or on the phone, {@code scriptRef} of the oral script read).
 */
public record Proof(String ip, String userAgent, String formUrl, String agentId, String scriptRef) {

    public static final Proof NONE = new Proof(null, null, null, null, null);

    private static final int MAX_TEXT = 1000;
    private static final int MAX_URL = 2000;
    private static final int MAX_REFERENCE = 200;
    private static final Pattern WEB_ADDRESS = Pattern.compile("(?is)https?://[^/?#\\s]+([/?#].*)?");

    /** Records what {@code proof} breaks, naming its fields {@code prefix + name} ({@code proof.ip}, or {@code ip}). */
    public static void check(Proof proof, String prefix, Violations v) {
        if (proof == null) {
            return;
        }
        if (proof.ip() != null && (proof.ip().length() > 45 || !IpLiterals.isAddress(proof.ip()))) {
            v.add(prefix + "ip", "must be an IPv4 or IPv6 address");
        }
        check(proof.userAgent(), MAX_TEXT, prefix + "userAgent", v);
        check(proof.formUrl(), MAX_URL, prefix + "formUrl", v);
        if (proof.formUrl() != null && proof.formUrl().length() <= MAX_URL && !isWebAddress(proof.formUrl())) {
            v.add(prefix + "formUrl", "must be an absolute http or https URL");
        }
        check(proof.agentId(), MAX_REFERENCE, prefix + "agentId", v);
        check(proof.scriptRef(), MAX_REFERENCE, prefix + "scriptRef", v);
        // Who took the consent down, and from which script, are proof of the person's own act: blank is none.
        notBlank(proof.agentId(), prefix + "agentId", v);
        notBlank(proof.scriptRef(), prefix + "scriptRef", v);
    }

    /**
     * The address of the form the person filled in: absolute, http or https, with a host. Until 2026-12-06 any text
     * was kept ({@code javascript:…}, {@code not a url}) as the proof of where a consent was given.
     */
    private static boolean isWebAddress(String url) {
        // Not java.net.URI: forms' addresses carry characters it refuses (a "|" in a query) that browsers send.
        return WEB_ADDRESS.matcher(url).matches();
    }

    private static void notBlank(String value, String field, Violations v) {
        if (value != null && value.isBlank()) {
            v.add(field, "must not be blank: leave it out when there is none");
        }
    }

    private static void check(String value, int max, String field, Violations v) {
        if (value != null && value.length() > max) {
            v.add(field, "must be at most " + max + " characters");
        }
    }
}
