package eu.consent.web.pages;

import eu.consent.consent.Proof;
import eu.consent.shared.PlainText;
import jakarta.servlet.http.HttpServletRequest;

/** The proof a page records of who acted: the client's address and browser, as the ledger accepts them. */
final class Visitor {

    private static final int MAX_USER_AGENT = 1000;

    private Visitor() {}

    static Proof proof(HttpServletRequest request) {
        return new Proof(address(request), userAgent(request), null, null, null);
    }

    /** The client's IP address, without an IPv6 zone (fe80::1%eth0), which the proof does not accept. */
    static String address(HttpServletRequest request) {
        String ip = request.getRemoteAddr();
        if (ip == null) {
            return null;
        }
        int zone = ip.indexOf('%');
        return zone < 0 ? ip : ip.substring(0, zone);
    }

    /**
     * The browser's name as kept in the proof: without control characters, which the container lets through in a header
     * (a NUL there failed the opt-out's own insert on PostgreSQL until 2026-12-07, after tester AO's F3), and bounded.
     */
    private static String userAgent(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        return agent == null ? null : PlainText.cut(PlainText.withoutControls(agent, false), MAX_USER_AGENT);
    }
}
