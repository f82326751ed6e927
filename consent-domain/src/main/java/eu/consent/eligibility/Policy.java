package eu.consent.eligibility;

import eu.consent.contact.Audience;
import eu.consent.purpose.Channel;
import eu.consent.suppression.SuppressionReason;
import java.util.Map;
import java.util.Set;

/**
 * One jurisdiction's rules, as data (read from {@code policies.json}): the regime of each channel per audience, the
 * suppressions that block even service messages, and where a national do-not-call list applies.
 *
 * @param name the policy's name, e.g. {@code EU}
 * @param countries the contact countries it governs (ISO 3166-1 alpha-2)
 * @param regimes per audience, per channel: how prospecting is allowed
 * @param serviceBlockers suppression reasons that block service messages too (an undeliverable address; never an
 *     opt-out, not even the ERASED mark of a person who came back as a customer)
 * @param doNotCallChannels channels on which a DNC_REGISTRY entry denies prospecting
 * @param doNotCallAudiences audiences the do-not-call list protects
 * @param doNotCallSparesCustomers whether an existing contract lets a customer be called despite the list
 */
public record Policy(
        String name,
        Set<String> countries,
        Map<Audience, Map<Channel, Regime>> regimes,
        Set<SuppressionReason> serviceBlockers,
        Set<Channel> doNotCallChannels,
        Set<Audience> doNotCallAudiences,
        boolean doNotCallSparesCustomers) {

    /** The regime for an audience and channel; a pair the policy does not name needs consent. */
    Regime regime(Audience audience, Channel channel) {
        return regimes.getOrDefault(audience, Map.of()).getOrDefault(channel, Regime.CONSENT);
    }
}
