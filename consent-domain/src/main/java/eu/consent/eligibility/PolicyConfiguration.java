package eu.consent.eligibility;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The policies this server applies, read once from {@code policies.json} and its configuration: decisions and receipts
 * share one instance, so a receipt never names a regime the decisions do not apply.
 */
@ApplicationScoped
public class PolicyConfiguration {

    @Inject
    @ConfigProperty(name = "consent.policy.fallback", defaultValue = "EU")
    String fallback;

    @Inject
    @ConfigProperty(name = "consent.policy.active", defaultValue = "EU")
    String active;

    /** A singleton, not application-scoped: {@link Policies} is immutable and final, so it needs no proxy. */
    @Produces
    @Singleton
    Policies policies() {
        return Policies.load(fallback, active);
    }
}
