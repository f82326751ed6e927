package eu.consent.optout;

import eu.consent.purpose.Channel;
import eu.consent.shared.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Unsubscribe and preference links: signed tokens bound to the contact, the purpose (or all prospecting) and the
 * channel, with their issue time. They do not expire: an old email's link must keep working.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    private static final String UNSUBSCRIBE = "unsub";
    private static final String PREFERENCES = "prefs";
    private static final String ALL = "*";

    @Inject
    TokenSigner signer;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.public.base-url", defaultValue = "http://localhost:9080")
    String baseUrl;

    /** An optional address for mail-based unsubscribes (RFC 2369); empty for none. */
    @Inject
    @ConfigProperty(name = "consent.unsubscribe.mailto", defaultValue = " ")
    String mailto;

    /** What an unsubscribe token names. {@code purposeKey} is null for "all prospecting on the channel". */
    public record Target(UUID contactId, String purposeKey, Channel channel) {}

    /** The links and headers to put in one message. */
    public record Links(String unsubscribeUrl, String preferencesUrl, Map<String, String> headers) {}

    public Links linksFor(UUID contactId, String purposeKey, Channel channel) {
        long issued = clock.instant().getEpochSecond();
        String unsubscribeUrl = unsubscribeUrl(contactId, purposeKey, channel, issued);
        return new Links(unsubscribeUrl, preferencesUrl(contactId, issued), headers(unsubscribeUrl));
    }

    /** The preference-centre link alone (what the "send me my link" page mails to the person). */
    public String preferencesUrlFor(UUID contactId) {
        return preferencesUrl(contactId, clock.instant().getEpochSecond());
    }

    private String preferencesUrl(UUID contactId, long issued) {
        return base() + "/preferences/"
                + signer.sign(String.join("|", PREFERENCES, contactId.toString(), Long.toString(issued)));
    }

    /** The contact a preference-centre token names, or empty for anything forged, truncated or of another kind. */
    public Optional<UUID> readPreferences(String token) {
        return signer.verify(token).flatMap(payload -> {
            String[] parts = payload.split("\\|");
            if (parts.length != 3 || !parts[0].equals(PREFERENCES)) {
                return Optional.empty();
            }
            try {
                return Optional.of(UUID.fromString(parts[1]));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** Only the two headers of a message (what bulk decisions hand out for each allowed recipient). */
    public Map<String, String> headersFor(UUID contactId, String purposeKey, Channel channel) {
        return headers(
                unsubscribeUrl(contactId, purposeKey, channel, clock.instant().getEpochSecond()));
    }

    private String unsubscribeUrl(UUID contactId, String purposeKey, Channel channel, long issued) {
        String token = signer.sign(String.join(
                "|",
                UNSUBSCRIBE,
                contactId.toString(),
                purposeKey == null ? ALL : purposeKey,
                channel.name(),
                Long.toString(issued)));
        return base() + "/unsubscribe/" + token;
    }

    private String base() {
        return baseUrl.endsWith("/") ? baseUrl.replaceAll("/+$", "") : baseUrl;
    }

    private Map<String, String> headers(String unsubscribeUrl) {
        String token = unsubscribeUrl.substring(unsubscribeUrl.lastIndexOf('/') + 1);
        Map<String, String> headers = new LinkedHashMap<>();
        String listUnsubscribe = "<" + unsubscribeUrl + ">";
        if (!mailto.isBlank()) {
            listUnsubscribe = "<mailto:" + mailto.strip() + "?subject="
                    + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8)
                            .replace("+", "%20") + ">, "
                    + listUnsubscribe;
        }
        headers.put("List-Unsubscribe", listUnsubscribe);
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return headers;
    }

    public Optional<Target> read(String token) {
        return signer.verify(token).flatMap(payload -> {
            String[] parts = payload.split("\\|");
            if (parts.length != 5 || !parts[0].equals(UNSUBSCRIBE)) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Target(
                        UUID.fromString(parts[1]), parts[2].equals(ALL) ? null : parts[2], Channel.valueOf(parts[3])));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
