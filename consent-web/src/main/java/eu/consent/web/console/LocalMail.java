package eu.consent.web.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the console shows the local mail page. {@code consent.console.local-mail}: {@code auto} (the default) shows
 * it only while the server listens on the loopback interface alone — a laptop, like the development secrets — and so
 * never on a server others can reach; {@code true} or {@code false} force it.
 */
@ApplicationScoped
public class LocalMail {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    @Inject
    @ConfigProperty(name = "consent.console.local-mail", defaultValue = "auto")
    String setting;

    @Inject
    @ConfigProperty(name = "http.host", defaultValue = "localhost")
    String host;

    public boolean enabled() {
        return switch (setting.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> LOOPBACK.contains(host.strip().toLowerCase(Locale.ROOT));
        };
    }
}
