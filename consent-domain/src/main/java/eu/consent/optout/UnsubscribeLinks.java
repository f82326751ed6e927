package eu.consent.optout;

import eu.consent.purpose.Channel;
import eu.consent.shared.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Unsubscribe and preference links: signed tokens bound to the contact, the purpose (or all prospecting) and the
 * channel, with their issue time. Each kind lives for its own configured time, counted from the issue time carried in
 * the token (every token ever issued carries it, so links already sent follow the configured lifetime too, and
 * shortening it takes effect at once): an unsubscribe link for as long as a mail provider may still offer its
 * one-click button (never less than {@link #MIN_UNSUBSCRIBE_TTL}); a preference link, which can re-open what the
 * person closed and travels in every forwarded mail, for less.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    /** RFC 8058 mail providers keep offering the button of mails weeks old; an opt-out link must outlive that. */
    public static final Duration MIN_UNSUBSCRIBE_TTL = Duration.ofDays(60);

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

    /** How long an unsubscribe link works: a year, so that an old newsletter still lets its reader leave. */
    @Inject
    @ConfigProperty(name = "consent.links.unsubscribe-ttl", defaultValue = "P365D")
    Duration unsubscribeTtl;

    /**
     * How long a preference link works: 90 days, about three issues of a monthly newsletter; the person always has a
     * fresh one in the latest message, or one mail away on {@code /preferences}.
     */
    @Inject
    @ConfigProperty(name = "consent.links.preferences-ttl", defaultValue = "P90D")
    Duration preferencesTtl;

    /**
     * What an unsubscribe token names. {@code purposeKey} is null for "all prospecting on the channel"; {@code
     * expired} says the link is older than its lifetime (the page then acts on nothing); {@code issuedWithin} is the
     * precision of {@code issuedAt} as signed (a second for links issued before 2026-12-06, a millisecond since).
     */
    public record Target(
            UUID contactId,
            String purposeKey,
            Channel channel,
            boolean expired,
            Instant issuedAt,
            Duration issuedWithin) {}

    /** What a preference token names: the contact, and whether the link is older than its lifetime. */
    public record PreferenceTarget(UUID contactId, boolean expired) {}

    /** Refuses, at start, an unsubscribe lifetime shorter than mail providers need (a link that dies too soon). */
    void checkLifetimes(@Observes @Initialized(ApplicationScoped.class) Object started) {
        checkLifetimes(unsubscribeTtl, preferencesTtl);
    }

    static void checkLifetimes(Duration unsubscribe, Duration preferences) {
        if (unsubscribe.compareTo(MIN_UNSUBSCRIBE_TTL) < 0) {
            throw new IllegalStateException("consent.links.unsubscribe-ttl is " + unsubscribe
                    + ": an unsubscribe link must work for at least " + MIN_UNSUBSCRIBE_TTL.toDays()
                    + " days (P60D), as long as a mail provider may still offer its one-click button");
        }
        if (preferences.isNegative() || preferences.isZero()) {
            throw new IllegalStateException(
                    "consent.links.preferences-ttl is " + preferences + ": a preference link needs a lifetime");
        }
    }

    /** The links and headers to put in one message. */
    public record Links(String unsubscribeUrl, String preferencesUrl, Map<String, String> headers) {}

    public Links linksFor(UUID contactId, String purposeKey, Channel channel) {
        Instant now = clock.instant();
        String unsubscribeUrl = unsubscribeUrl(contactId, purposeKey, channel, now.toEpochMilli());
        return new Links(unsubscribeUrl, preferencesUrl(contactId, now.getEpochSecond()), headers(unsubscribeUrl));
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
    public Optional<PreferenceTarget> readPreferences(String token) {
        return signer.verify(token).flatMap(payload -> {
            String[] parts = payload.split("\\|");
            if (parts.length != 3 || !parts[0].equals(PREFERENCES)) {
                return Optional.empty();
            }
            try {
                return Optional.of(new PreferenceTarget(UUID.fromString(parts[1]), expired(parts[2], preferencesTtl)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** Only the two headers of a message (what bulk decisions hand out for each allowed recipient). */
    public Map<String, String> headersFor(UUID contactId, String purposeKey, Channel channel) {
        return headers(
                unsubscribeUrl(contactId, purposeKey, channel, clock.instant().toEpochMilli()));
    }

    /**
     * An unsubscribe link signed with its issue time in epoch milliseconds (until 2026-12-06, in seconds: a CRM's
     * release of an address and a campaign's link in the same second could not be told apart, and the click reached
     * the address's new holder, who never clicked). Links already sent keep their seconds, read as such.
     */
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
                        UUID.fromString(parts[1]),
                        parts[2].equals(ALL) ? null : parts[2],
                        Channel.valueOf(parts[3]),
                        expired(parts[4], unsubscribeTtl),
                        issuedAt(parts[4]),
                        inMillis(parts[4]) ? Duration.ofMillis(1) : Duration.ofSeconds(1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** Whether a link issued at {@code issued} (epoch seconds or milliseconds, as signed) is past {@code ttl}. */
    private boolean expired(String issued, Duration ttl) {
        return clock.instant().isAfter(issuedAt(issued).plus(ttl));
    }

    /**
     * Whether a signed issue time is in milliseconds: twelve digits or more (epoch seconds reach twelve digits only in
     * the year 5138; epoch milliseconds have had thirteen since 2001).
     */
    private static boolean inMillis(String issued) {
        return issued.length() >= 12;
    }

    private static Instant issuedAt(String issued) {
        long value = Long.parseLong(issued);
        return inMillis(issued) ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }
}
