package eu.consent.eligibility;

import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Purposes for the decision path, kept in memory. Safe across servers: what is read from here (kind, channels, double
 * opt-in) never changes once created, and one created on another server is loaded on first use. What can change — the
 * names and retirement — is never read from here: decisions read retirement through the change sequence, which any
 * purpose change on any server bumps (see DecisionChanges).
 */
@ApplicationScoped
public class PurposeCatalog {

    @Inject
    PurposeService purposes;

    private final Map<String, Purpose> cache = new ConcurrentHashMap<>();

    /** The purpose, or a NotFoundException. */
    public Purpose get(String key) {
        Purpose cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Purpose loaded = purposes.get(key);
        cache.put(key, loaded);
        return loaded;
    }

    public boolean exists(String key) {
        try {
            get(key);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
