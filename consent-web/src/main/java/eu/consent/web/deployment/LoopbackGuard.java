package eu.consent.web.deployment;

import eu.consent.web.pages.ReverseProxies;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start the application on a server reachable from other machines while a development secret is set: the
 * published token key would let anyone forge unsubscribe and preference links, the published passwords open the API.
 * Runs before any other start-up work, so a refused server never migrates a schema or sends mail. Refuses too a list of
 * trusted proxies that Liberty and the application would read differently ({@link ReverseProxies#refusal}).
 */
@ApplicationScoped
public class LoopbackGuard {

    private static final Logger LOG = Logger.getLogger(LoopbackGuard.class.getName());

    /** Liberty's HTTP endpoints, one MBean each, with the host they listen on. */
    private static final String ENDPOINTS = "WebSphere:feature=channelfw,type=endpoint,*";

    void onStart(@Observes @Priority(1) @Initialized(ApplicationScoped.class) Object event) {
        Config config = ConfigProvider.getConfig();
        // One setting, two readers (the application and Liberty's dispatcher): refused unless both read it alike.
        ReverseProxies.refusal(config.getOptionalValue("consent.pages.trusted-proxies", String.class)
                        .orElse("none"))
                .ifPresent(reason -> {
                    LOG.severe(reason);
                    throw new IllegalStateException(reason);
                });
        List<String> hosts = listeningHosts(config);
        DevelopmentSecrets.refusal(hosts, name -> config.getOptionalValue(name, String.class))
                .ifPresentOrElse(
                        reason -> {
                            LOG.severe(reason);
                            throw new IllegalStateException(reason);
                        },
                        () -> {
                            List<String> weak = DevelopmentSecrets.inUse(n -> config.getOptionalValue(n, String.class));
                            if (!weak.isEmpty()) {
                                LOG.warning(() -> "development secrets in use (" + String.join(", ", weak)
                                        + "), accepted because the server listens on " + hosts + " only");
                            }
                        });
    }

    /**
     * The hosts of the server's HTTP endpoints as the runtime holds them, or, should the runtime not publish them, the
     * {@code http.host} setting that server.xml gives the default endpoint.
     */
    static List<String> listeningHosts(Config config) {
        List<String> hosts = new ArrayList<>();
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = server.queryNames(new ObjectName(ENDPOINTS), null);
            for (ObjectName name : names) {
                Object host = server.getAttribute(name, "Host");
                hosts.add(host == null ? "*" : host.toString());
            }
        } catch (JMException | RuntimeException e) {
            LOG.fine(() -> "endpoint MBeans unreadable: " + e);
        }
        if (hosts.isEmpty()) {
            hosts.add(config.getOptionalValue("http.host", String.class).orElse("*"));
        }
        return hosts;
    }
}
