package eu.consent.web.pages;

import eu.consent.shared.Hashing;
import eu.consent.shared.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CSRF defence of the pages' human forms, without cookies or sessions: a browser's own signals (Sec-Fetch-Site,
 * Origin) must not say the post comes from another site, and each form carries a hidden token, an HMAC (the links'
 * key ring) over the page it belongs to and the time it was shown, which a post that sends it must carry valid (not
 * forged, not another page's, not expired). A post with no token and no cross-site signal is a script or a client
 * following the HTTP contract ("the POST confirms"), and is taken: mail scanners fetch links with GET, which changes
 * nothing (RFC 8058's own premise), and a browser posting from another site says so. The RFC 8058 one-click post is
 * exempt from the signals too: mail clients send it from anywhere, its signed URL is the credential.
 */
@ApplicationScoped
public class FormGuard {

    private static final String KIND = "form";
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    @Inject
    TokenSigner signer;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.pages.form-ttl", defaultValue = "PT4H")
    Duration ttl;

    @Inject
    @ConfigProperty(name = "consent.public.base-url", defaultValue = "http://localhost:9080")
    String baseUrl;

    /** The hidden token of a form shown on the page named by {@code scope} (the page's path). */
    String issue(String scope) {
        return issue(scope, new Shown(clock.instant(), null));
    }

    /**
     * When a form's page was shown: the time, and {@code through}, a number the page drew it after (the preference
     * page: the arrival number of the person's last ledger event, see {@code PreferenceCentre.Overview}), null when
     * the page has none or the token was issued before 2026-12-07.
     */
    record Shown(Instant at, Long through) {}

    /**
     * The token of a form shown as {@code shown} says — a page shown now, or one showing again what an earlier page
     * showed (a refused post's page keeps that page's twins, so it keeps its time and number too: fresh ones would make
     * what changed since look seen).
     */
    String issue(String scope, Shown shown) {
        Instant at = shown.at();
        // The second (what every token has said) and, since 2026-12-07, the millisecond and the page's number.
        return signer.sign(KIND + "|" + scopeHash(scope) + "|" + at.getEpochSecond() + "|" + at.toEpochMilli()
                + (shown.through() == null ? "" : "|" + shown.through()));
    }

    /**
     * When the page of a valid token ({@link #accepts}) was shown, to the millisecond (a token issued before 2026-12-07
     * says the second alone: its end), with its number when it has one, or empty for no token or a token that is not
     * ours.
     */
    Optional<Shown> shown(String token, String scope) {
        return token == null
                ? Optional.empty()
                : fields(token, scope, false)
                        .map(parts -> new Shown(
                                parts.length >= 4
                                        ? Instant.ofEpochMilli(Long.parseLong(parts[3]))
                                        : Instant.ofEpochSecond(Long.parseLong(parts[2]))
                                                .plusMillis(999),
                                parts.length == 5 ? Long.valueOf(parts[4]) : null));
    }

    /**
     * Whether a post to the page named by {@code scope} must be refused: the browser says it comes from another site,
     * or it carries a form token ({@code formToken}, null when absent) that is not this page's within its lifetime.
     */
    boolean refuses(HttpServletRequest request, String formToken, String scope) {
        return !fromOurSite(request) || (formToken != null && !accepts(formToken, scope));
    }

    /**
     * {@link #refuses}, for a post that can only close (the unsubscribe page's button, the preference page's "leave
     * everything"): a token of this page is taken however old it is. The expiry turned away, until 2026-12-06, a
     * person who opened the page in the morning and pressed its button in the afternoon, while a post without any
     * token was taken: it protected nothing, since closing is what the signed link alone already allows.
     */
    boolean refusesClosing(HttpServletRequest request, String formToken, String scope) {
        return !fromOurSite(request) || (formToken != null && !accepts(formToken, scope, false));
    }

    /** Whether a posted form token was issued by us, for this page, within its lifetime. */
    boolean accepts(String token, String scope) {
        return accepts(token, scope, true);
    }

    private boolean accepts(String token, String scope, boolean timed) {
        return fields(token, scope, timed).isPresent();
    }

    /** The fields of a token issued by us for this page (within its lifetime when {@code timed}), numbers checked. */
    private Optional<String[]> fields(String token, String scope, boolean timed) {
        Optional<String> payload = signer.verify(token);
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = payload.get().split("\\|");
        if (parts.length < 3 || parts.length > 5 || !parts[0].equals(KIND) || !parts[1].equals(scopeHash(scope))) {
            return Optional.empty();
        }
        try {
            long issued = Long.parseLong(parts[2]);
            for (int i = 3; i < parts.length; i++) {
                Long.parseLong(parts[i]);
            }
            long now = clock.instant().getEpochSecond();
            boolean valid = issued <= now + CLOCK_SKEW.toSeconds() && (!timed || now - issued <= ttl.toSeconds());
            return valid ? Optional.of(parts) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * False when the browser says the post comes from elsewhere. {@code Sec-Fetch-Site} decides when present (only
     * {@code same-origin}, or {@code none} for a person's own action, pass); else an {@code Origin}, when present,
     * must be this request's host or the public base URL's (an opaque {@code null} origin does not pass). Clients that
     * send neither (mail clients, scripts) are judged by the form token alone.
     */
    public boolean fromOurSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            String s = site.strip().toLowerCase(Locale.ROOT);
            return s.equals("same-origin") || s.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String host = hostOf(origin);
        return host != null
                && (host.equalsIgnoreCase(request.getHeader("Host")) || host.equalsIgnoreCase(hostOf(baseUrl)));
    }

    private static String hostOf(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null) {
                return null;
            }
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String scopeHash(String scope) {
        return Hashing.sha256Hex(scope).substring(0, 32);
    }
}
