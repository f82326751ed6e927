package eu.consent.consent;

import java.util.regex.Pattern;

/**
 * Whether a text is an IP address as a person's browser reached a form from: a dotted IPv4 address or an IPv6 address
 * in any of RFC 4291's text forms (with {@code ::}, or ending in a dotted IPv4 address). Parsed here, never resolved:
 * {@code InetAddress.getByName} would look a non-literal up in the DNS. Until 2026-12-06 the proof took any run of
 * digits, dots and colons, so {@code 999.1.1.1} or {@code 1.2.3.4.5} was stored for ever as the proof of a consent.
 */
final class IpLiterals {

    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private IpLiterals() {}

    static boolean isAddress(String text) {
        return isV4(text) || isV6(text);
    }

    static boolean isV4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            // No leading zero: "010" is octal to some parsers and decimal to others.
            if (!OCTET.matcher(octet).matches() || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isV6(String text) {
        String hex = text;
        int groupsOfV4 = 0;
        if (text.indexOf('.') >= 0) {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || !isV4(text.substring(colon + 1))) {
                return false;
            }
            hex = text.substring(0, colon + 1) + "0";
            groupsOfV4 = 1; // the IPv4 part stands for two groups: "0" counts one, this the other
        }
        int gap = hex.indexOf("::");
        if (gap >= 0) {
            if (hex.indexOf("::", gap + 1) >= 0) {
                return false;
            }
            int head = groups(hex.substring(0, gap));
            int tail = groups(hex.substring(gap + 2));
            return head >= 0 && tail >= 0 && head + tail + groupsOfV4 <= 7;
        }
        int groups = groups(hex);
        return groups + groupsOfV4 == 8;
    }

    /** How many groups {@code part} (between colons, no {@code ::}) holds; -1 if one is not 1-4 hex digits. */
    private static int groups(String part) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] groups = part.split(":", -1);
        for (String group : groups) {
            if (!GROUP.matcher(group).matches()) {
                return -1;
            }
        }
        return groups.length;
    }
}
