package eu.consent.optout;

import eu.consent.consent.ConsentEvent;
import eu.consent.consent.ConsentState;
import eu.consent.consent.CurrentConsent;
import eu.consent.consent.PersonsOwnAct;
import eu.consent.contact.Contact;
import eu.consent.purpose.PurposeKind;
import eu.consent.shared.Service;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The unsubscribes from all prospecting that their holder has answered since, by a consent of their own for a purpose
 * on that channel given after the entry holds (the decisions' rule: such an entry yields, for that purpose, to the
 * person's newer word). An outbound file leaves them out: a provider's list stops every message, the one the person
 * asked for again included, so the entry stays ours to apply, as an unsubscribe from one purpose does. Until
 * 2026-12-07 a late report or a list's dated line, arriving after the person's new opt-in, went out to every provider
 * (tester AH's F5). An entry sent before the person's new opt-in is not called back: the contract has no removal line;
 * nor is one left out sent later if the person withdraws the consent that outweighed it (the decisions deny again).
 */
@Service
public class OutweighedOptOuts {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    /**
     * The test "outweighed by its holder's own newer consent" for entries on identifiers {@code holders} maps (hash to
     * the contact holding it now; an entry nobody holds is no one's to outweigh): one query for all their consents, so
     * that it can run over a page and over the entries of the same identifiers the outbound file weighs against it.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Predicate<Suppression> test(Map<String, Contact> holders) {
        if (holders.isEmpty()) {
            return s -> false;
        }
        Map<UUID, List<CurrentConsent>> ownGrants = new HashMap<>();
        List<Object[]> grants = em.createQuery(
                        "SELECT c, e FROM CurrentConsent c, ConsentEvent e, Purpose p WHERE e.id = c.eventId"
                                + " AND p.key = c.purposeKey AND p.kind <> :service AND p.retiredAt IS NULL"
                                + " AND c.state = :granted AND c.contactId IN :contacts",
                        Object[].class)
                .setParameter("service", PurposeKind.SERVICE)
                .setParameter("granted", ConsentState.GRANTED)
                .setParameter(
                        "contacts",
                        holders.values().stream()
                                .map(c -> c.id().toString())
                                .distinct()
                                .toList())
                .getResultList();
        for (Object[] grant : grants) {
            CurrentConsent consent = (CurrentConsent) grant[0];
            ConsentEvent event = (ConsentEvent) grant[1];
            if (PersonsOwnAct.of(event.action(), event.source(), event.proof())) {
                ownGrants
                        .computeIfAbsent(consent.contactId(), id -> new ArrayList<>())
                        .add(consent);
            }
        }
        return s -> {
            Contact holder = holders.get(s.identifierHash());
            if (!answerable(s) || holder == null) {
                return false;
            }
            // The decisions' rule (PolicyEngine: an unsubscribe from everything yields, for a purpose, to the person's
            // own GRANT given after it), for any purpose that is not retired (a retired one is sent to nobody).
            return ownGrants.getOrDefault(holder.id(), List.of()).stream()
                    .anyMatch(c -> c.channel() == s.channel()
                            && PersonsOwnAct.answers(c.state(), true, c.since(), s.createdAt()));
        };
    }

    /** An unsubscribe from all prospecting: the only entry a person's new consent answers in the decisions. */
    private static boolean answerable(Suppression s) {
        return s.reason() == SuppressionReason.UNSUBSCRIBED && s.purposeKey() == null;
    }
}
