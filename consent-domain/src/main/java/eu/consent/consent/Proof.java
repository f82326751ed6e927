package eu.consent.consent;

import eu.consent.shared.Violations;

/**
 * The evidence of how a person expressed their choice: where from ({@code ip}, {@code userAgent}, {@code formUrl}),
 * or who took it down ({@code agentId} at a counter or on the phone, {@code scriptRef} of the oral script read).
 */
public record Proof(String ip, String userAgent, String formUrl, String agentId, String scriptRef) {

    public static final Proof NONE = new Proof(null, null, null, null, null);

    private static final int MAX_TEXT = 1000;
    private static final int MAX_URL = 2000;
    private static final int MAX_REFERENCE = 200;

    /** Records what {@code proof} breaks, naming its fields {@code prefix + name} ({@code proof.ip}, or {@code ip}). */
    public static void check(Proof proof, String prefix, Violations v) {
        if (proof == null) {
            return;
        }
        if (proof.ip() != null && !proof.ip().matches("[0-9A-Fa-f:.]{2,45}")) {
            v.add(prefix + "ip", "must be an IPv4 or IPv6 address");
        }
        check(proof.userAgent(), MAX_TEXT, prefix + "userAgent", v);
        check(proof.formUrl(), MAX_URL, prefix + "formUrl", v);
        check(proof.agentId(), MAX_REFERENCE, prefix + "agentId", v);
        check(proof.scriptRef(), MAX_REFERENCE, prefix + "scriptRef", v);
        // Who took the consent down, and from which script, are proof of the person's own act: blank is none.
        notBlank(proof.agentId(), prefix + "agentId", v);
        notBlank(proof.scriptRef(), prefix + "scriptRef", v);
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
