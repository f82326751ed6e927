package eu.consent.consent;

/**
 * The evidence of how a person expressed their choice: where from ({@code ip}, {@code userAgent}, {@code formUrl}),
 * or who took it down ({@code agentId} at a counter or on the phone, {@code scriptRef} of the oral script read).
 */
public record Proof(String ip, String userAgent, String formUrl, String agentId, String scriptRef) {

    public static final Proof NONE = new Proof(null, null, null, null, null);
}
