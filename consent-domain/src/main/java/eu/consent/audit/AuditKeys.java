package eu.consent.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The audit key in force: the secret from configuration (never from the database), and the entry from which the
 * chain is keyed, fixed once by the schema migration that keyed it. Read on first use, after the schema is migrated.
 */
@ApplicationScoped
public class AuditKeys {

    @Inject
    @ConfigProperty(name = "consent.audit.secret", defaultValue = "dev-only-audit-chain-secret")
    String secret;

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    private volatile AuditKey key;

    public AuditKey current() {
        AuditKey known = key;
        if (known == null) {
            Number from = (Number) em.createNativeQuery("SELECT keyed_from FROM audit_key WHERE id = 1")
                    .getSingleResult();
            known = new AuditKey(secret, from.longValue());
            key = known;
        }
        return known;
    }
}
