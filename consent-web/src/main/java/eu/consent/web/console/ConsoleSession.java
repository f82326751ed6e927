package eu.consent.web.console;

import eu.consent.shared.Hashing;
import eu.consent.shared.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's session: a cookie holding the user, their role, an expiry and a random nonce, signed with the links'
 * key ring (HMAC). Nothing is kept in server memory, so any server of a cluster recognizes it (the database stays the
 * only shared state). The cookie is HttpOnly and SameSite=Strict, Secure when the request came over HTTPS, and scoped
 * to /console: it is never sent to the API, which keeps answering HTTP Basic only. Forms carry a token derived from
 * the nonce and the form's path, which a page of another site can neither read nor compute.
 */
@ApplicationScoped
public class ConsoleSession {

    static final String COOKIE = "consent_console";
    private static final String KIND = "console";
    private static final String LOGIN_KIND = "console-login";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    TokenSigner signer;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.console.session-ttl", defaultValue = "PT8H")
    Duration ttl;

    /** The signed-in user of this request, if its cookie is ours and has not expired. */
    public Optional<ConsoleUser> user(HttpServletRequest request) {
        return session(request).map(Session::user);
    }

    private Optional<Session> session(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                Optional<Session> s = signer.verify(cookie.getValue()).flatMap(this::parse);
                if (s.isPresent()) {
                    return s;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Session> parse(String payload) {
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 5 || !parts[0].equals(KIND)) {
            return Optional.empty();
        }
        try {
            long expires = Long.parseLong(parts[3]);
            if (clock.instant().getEpochSecond() >= expires) {
                return Optional.empty();
            }
            return Optional.of(new Session(new ConsoleUser(parts[1], ConsoleUser.Role.valueOf(parts[2])), parts[4]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The Set-Cookie header value that opens a session for {@code user}. */
    String open(ConsoleUser user, boolean secure) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String token = signer.sign(String.join(
                "|",
                KIND,
                user.name(),
                user.role().name(),
                Long.toString(expires),
                HexFormat.of().formatHex(nonce)));
        return cookie(token, ttl.toSeconds(), secure);
    }

    /** The Set-Cookie header value that ends the session in the browser. */
    String close(boolean secure) {
        return cookie("", 0, secure);
    }

    private static String cookie(String value, long maxAge, boolean secure) {
        return COOKIE + "=" + value + "; Path=/console; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** The token a form of the page at {@code scope} carries for this session. */
    String formToken(HttpServletRequest request, String scope) {
        return session(request).map(s -> token(s, scope)).orElse("");
    }

    /** Whether a posted form token belongs to this session and this form. */
    boolean acceptsForm(HttpServletRequest request, String token, String scope) {
        return token != null
                && session(request).map(s -> token(s, scope).equals(token)).orElse(false);
    }

    private static String token(Session s, String scope) {
        return Hashing.sha256Hex(s.nonce() + "|" + scope).substring(0, 40);
    }

    /** The token of the login form (there is no session yet): signed, valid for an hour. */
    String loginToken() {
        return signer.sign(LOGIN_KIND + "|" + clock.instant().getEpochSecond());
    }

    boolean acceptsLogin(String token) {
        return signer.verify(token)
                .map(p -> p.split("\\|"))
                .filter(p -> p.length == 2 && p[0].equals(LOGIN_KIND))
                .map(p -> {
                    try {
                        long age = clock.instant().getEpochSecond() - Long.parseLong(p[1]);
                        return age >= -60 && age <= 3600;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                })
                .orElse(false);
    }

    private record Session(ConsoleUser user, String nonce) {}
}
