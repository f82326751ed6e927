package eu.consent.contact;

import eu.consent.shared.Service;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Who holds an email or a phone, read in a transaction of its own: after a unique key refused a write (two creations of
 * one identifier at once, the other committed first), the refused transaction may read nothing more (PostgreSQL
 * aborts it), yet its 409 should name the holder, as the check before the write does ({@code existingId}).
 */
@Service
public class IdentifierHolders {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    /**
     * The id of the contact other than {@code self} (null: none) holding {@code email}, else {@code phone} (either may
     * be null); empty when none does.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<String> holderOf(String email, String phone, String self) {
        Optional<String> holder = Optional.empty();
        if (email != null) {
            holder = other(em.createNamedQuery(Contact.BY_EMAIL, Contact.class).setParameter("email", email), self);
        }
        if (holder.isEmpty() && phone != null) {
            holder = other(em.createNamedQuery(Contact.BY_PHONE, Contact.class).setParameter("phone", phone), self);
        }
        return holder;
    }

    private static Optional<String> other(jakarta.persistence.TypedQuery<Contact> query, String self) {
        return query.getResultStream()
                .map(c -> c.id().toString())
                .filter(id -> !id.equals(self))
                .findFirst();
    }
}
