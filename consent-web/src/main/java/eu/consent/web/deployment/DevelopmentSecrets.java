package eu.consent.web.deployment;

import eu.consent.shared.Secrets;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rule for the secrets this repository publishes (server.xml's defaults): they are good enough for a laptop, where
 * only the machine itself reaches the server, and nowhere else. Free of I/O but for resolving a host name.
 */
public final class DevelopmentSecrets {

    /** Each secret setting and what marks its development value in server.xml (the whole of it, or its key id). */
    static final Map<String, String> PUBLISHED = Map.of(
            "consent.token.keys", "dev1:dev-only-token-key-change-me",
            "consent.hash.secret", "dev-only-identifier-hash-secret",
            "consent.audit.secret", "dev-only-audit-chain-secret",
            "consent.webhooks.secret-keys", "wh1:dev-only-webhook-secret-key",
            "consent.receipt.keys", "dev-receipts-1",
            "consent.admin.password", "dev-admin",
            "consent.integration.password", "dev-integration",
            "consent.campaign.password", "dev-campaign",
            "consent.auditor.password", "dev-auditor");

    /**
     * The secrets the code falls back to the development value for when they are not set at all. A password left
     * unset is not one (a directory such as LDAP replaced the development registry that used it).
     */
    private static final Set<String> DEVELOPMENT_WHEN_UNSET =
            Set.of("consent.token.keys", "consent.hash.secret", "consent.audit.secret", "consent.webhooks.secret-keys");

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]*:[0-9a-fA-F:.]*]?");

    private DevelopmentSecrets() {}

    /**
     * The settings that still hold a development value, in name order. A key ring that merely keeps the development
     * key among others counts too: it would still verify links anyone can forge.
     */
    public static List<String> inUse(Function<String, Optional<String>> settings) {
        return PUBLISHED.entrySet().stream()
                .filter(e -> settings.apply(e.getKey())
                        .map(v -> v.contains(e.getValue()) || v.contains(Secrets.DEV_MARKER))
                        .orElse(DEVELOPMENT_WHEN_UNSET.contains(e.getKey())))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** True when every host the server listens on is the loopback interface (no other machine can connect). */
    public static boolean loopbackOnly(Collection<String> hosts) {
        return !hosts.isEmpty() && hosts.stream().allMatch(DevelopmentSecrets::isLoopback);
    }

    /**
     * Why the server must not start, or empty when it may: a development secret on a server that listens beyond the
     * loopback interface. The message names every setting to change and its environment variable.
     */
    public static Optional<String> refusal(Collection<String> hosts, Function<String, Optional<String>> settings) {
        List<String> weak = inUse(settings);
        if (weak.isEmpty() || loopbackOnly(hosts)) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder("the server listens on ")
                .append(String.join(", ", hosts))
                .append(", beyond the loopback interface, with the published development value of ");
        for (int i = 0; i < weak.size(); i++) {
            message.append(i == 0 ? "" : ", ")
                    .append(weak.get(i))
                    .append(" (set ")
                    .append(environmentName(weak.get(i)))
                    .append(')');
        }
        return Optional.of(message.append(
                        "; set a secret of your own for each (README, Running in production) or listen on localhost only")
                .toString());
    }

    /** The environment variable Liberty and MicroProfile Config read for a setting. */
    static String environmentName(String setting) {
        return setting.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static boolean isLoopback(String host) {
        String h = host == null ? "" : host.strip();
        if (h.isEmpty() || h.equals("*")) {
            return false;
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            if (IP_LITERAL.matcher(h).matches()) {
                return InetAddress.getByName(h.replace("[", "").replace("]", ""))
                        .isLoopbackAddress();
            }
            // A name: loopback only if every address it stands for is.
            InetAddress[] addresses = InetAddress.getAllByName(h);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
