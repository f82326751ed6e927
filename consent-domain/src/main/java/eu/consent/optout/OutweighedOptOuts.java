package eu.consent.optout;

import eu.consent.consent.ConsentEvent;
import eu.consent.consent.ConsentState;
import eu.consent.consent.CurrentConsent;
import eu.consent.consent.PersonsOwnAct;
import eu.consent.purpose.PurposeKind;
import eu.consent.shared.Service;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The unsubscribes from all prospecting that their holder has answered since, by a consent of their own for a purpose
 * on that channel given after the entry holds (the decisions' rule: such an entry yields, for that purpose, to the
 * person's newer word). An outbound file leaves them out: a provider's list stops every message, the one the person
 * asked for again included, so the entry stays ours to apply, as an unsubscribe from one purpose does. Until
 * 2026-12-07 a late report or a list's dated line, arriving after the person's new opt-in, went out to every provider
 * (tester AH's F5). An entry sent before the person's new opt-in is not called back: the contract has no removal line.
 */
@Service
public class OutweighedOptOuts {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    /**
     * Of {@code entries}, the ids of those outweighed by their holder's own newer consent; {@code holders} maps an
     * entry's identifier hash to the contact holding it now (an entry nobody holds is no one's to outweigh). One query
     * for all the entries' holders.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<UUID> of(Collection<Suppression> entries, Map<String, UUID> holders) {
        Set<String> contactIds = new HashSet<>();
        for (Suppression s : entries) {
            if (answerable(s) && holders.containsKey(s.identifierHash())) {
                contactIds.add(holders.get(s.identifierHash()).toString());
            }
        }
        Set<UUID> outweighed = new HashSet<>();
        if (contactIds.isEmpty()) {
            return outweighed;
        }
        List<Object[]> grants = em.createQuery(
                        "SELECT c, e FROM CurrentConsent c, ConsentEvent e, Purpose p WHERE e.id = c.eventId"
                                + " AND p.key = c.purposeKey AND p.kind <> :service AND c.state = :granted"
                                + " AND c.contactId IN :contacts",
                        Object[].class)
                .setParameter("service", PurposeKind.SERVICE)
                .setParameter("granted", ConsentState.GRANTED)
                .setParameter("contacts", contactIds)
                .getResultList();
        for (Suppression s : entries) {
            UUID holder = holders.get(s.identifierHash());
            if (!answerable(s) || holder == null) {
                continue;
            }
            for (Object[] grant : grants) {
                CurrentConsent consent = (CurrentConsent) grant[0];
                ConsentEvent event = (ConsentEvent) grant[1];
                if (consent.contactId().equals(holder)
                        && consent.channel() == s.channel()
                        && consent.since() != null
                        && consent.since().isAfter(s.createdAt())
                        && PersonsOwnAct.of(event.action(), event.source(), event.proof())) {
                    outweighed.add(s.id());
                    break;
                }
            }
        }
        return outweighed;
    }

    /** An unsubscribe from all prospecting: the only entry a person's new consent answers in the decisions. */
    private static boolean answerable(Suppression s) {
        return s.reason() == SuppressionReason.UNSUBSCRIBED && s.purposeKey() == null;
    }
}
