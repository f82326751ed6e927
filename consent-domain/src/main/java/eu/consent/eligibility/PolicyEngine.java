package eu.consent.eligibility;

import eu.consent.consent.ConsentState;
import eu.consent.consent.LegalBasis;
import eu.consent.consent.PersonsOwnAct;
import eu.consent.purpose.PurposeKind;
import eu.consent.retention.policy.RetentionPolicy;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;

/**
 * Applies a policy to the facts of one recipient: pure, no I/O, the rules tried in the order of {@link Rule}. The
 * first rule that applies decides and names itself.
 */
public final class PolicyEngine {

    private PolicyEngine() {}

    public static Decision decide(Policy policy, Facts f) {
        if (!f.contactKnown()) {
            return Decision.deny(Rule.UNKNOWN_CONTACT);
        }
        if (f.purposeRetired()) {
            return Decision.deny(Rule.PURPOSE_RETIRED);
        }
        // A technical block holds for every message: an undeliverable address.
        if (blocked(f, SuppressionReason.HARD_BOUNCE)
                && (f.kind() == PurposeKind.PROSPECTING
                        || policy.serviceBlockers().contains(SuppressionReason.HARD_BOUNCE))) {
            return Decision.deny(Rule.SUPPRESSED_HARD_BOUNCE);
        }
        // Opt-outs never stop a contract message, not even the ERASED mark of a person who came back as a customer.
        if (f.kind() == PurposeKind.SERVICE) {
            return Decision.allow(Rule.SERVICE_MESSAGE, LegalBasis.CONTRACT);
        }
        if (erased(f)) {
            return Decision.deny(Rule.SUPPRESSED_ERASED);
        }
        if (f.retentionCutoff() != null
                && RetentionPolicy.isExpired(f.lastActiveAt(), f.createdAt(), f.retentionCutoff())) {
            return Decision.deny(Rule.RETENTION_EXPIRED);
        }
        if (blocked(f, SuppressionReason.COMPLAINT)) {
            return Decision.deny(Rule.SUPPRESSED_COMPLAINT);
        }
        if (unsubscribed(f)) {
            return Decision.deny(Rule.SUPPRESSED_UNSUBSCRIBED);
        }
        if (blocked(f, SuppressionReason.MANUAL)) {
            return Decision.deny(Rule.SUPPRESSED_MANUAL);
        }
        if (f.state() == ConsentState.OBJECTED) {
            return Decision.deny(Rule.OBJECTED);
        }
        if (f.state() == ConsentState.WITHDRAWN) {
            return Decision.deny(Rule.CONSENT_WITHDRAWN);
        }
        if (policy.doNotCallChannels().contains(f.channel())
                && policy.doNotCallAudiences().contains(f.audience())
                && !(policy.doNotCallSparesCustomers() && f.customer())
                && blocked(f, SuppressionReason.DNC_REGISTRY)) {
            return Decision.deny(Rule.PHONE_DNC_LISTED);
        }
        if (f.pausedUntil() != null && f.now().isBefore(f.pausedUntil())) {
            return Decision.deny(Rule.PAUSED);
        }
        if (!f.preferredChannels().isEmpty() && !f.preferredChannels().contains(f.channel())) {
            return Decision.deny(Rule.CHANNEL_NOT_PREFERRED);
        }
        if (f.cap() != null && f.sentInWindow() >= f.cap().max()) {
            return Decision.deny(Rule.FREQUENCY_CAP);
        }
        if (f.state() == ConsentState.GRANTED) {
            return Decision.allow(Rule.CONSENT_GRANTED, LegalBasis.CONSENT);
        }
        if (f.state() == ConsentState.PENDING) {
            return Decision.deny(Rule.CONSENT_PENDING);
        }
        Regime regime = policy.regime(f.audience(), f.channel());
        if (regime == Regime.CONSENT_OR_SOFT_OPT_IN && f.customer() && f.similarToPurchases()) {
            return Decision.allow(Rule.SOFT_OPT_IN, LegalBasis.SOFT_OPT_IN);
        }
        if (regime.allowRule != null) {
            return Decision.allow(regime.allowRule, regime.basis);
        }
        return Decision.deny(Rule.NO_CONSENT);
    }

    /** A suppression of this reason for the channel, on all prospecting or on this purpose. */
    private static boolean blocked(Facts f, SuppressionReason reason) {
        for (Facts.Block b : f.blocks()) {
            if (b.reason() == reason && Suppression.covers(b.purposeKey(), f.purposeKey())) {
                return true;
            }
        }
        return false;
    }

    /**
     * An UNSUBSCRIBED entry blocks, except that an unsubscribe from all prospecting on the channel yields, for one
     * purpose, to a consent the person gave again for that purpose after it, themselves and with proof (their newer
     * word wins; a client's or an import's grant is not their word).
     */
    private static boolean unsubscribed(Facts f) {
        for (Facts.Block b : f.blocks()) {
            if (b.reason() != SuppressionReason.UNSUBSCRIBED) {
                continue;
            }
            if (b.purposeKey() != null && b.purposeKey().equals(f.purposeKey())) {
                return true;
            }
            if (b.purposeKey() == null && !regrantedSince(f, b)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ERASED mark is all that is left of an objection whose events the erasure deleted, so it cannot tell which
     * purpose was objected to: like an unsubscribe from all prospecting, it yields for one purpose only, to a consent the
     * person gave for that purpose after it. Their yes to one purpose is no yes to the one they had objected to.
     */
    private static boolean erased(Facts f) {
        for (Facts.Block b : f.blocks()) {
            if (b.reason() == SuppressionReason.ERASED
                    && Suppression.covers(b.purposeKey(), f.purposeKey())
                    && !regrantedSince(f, b)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the current consent for the purpose is a GRANT the person gave themselves, with proof, after the block. */
    private static boolean regrantedSince(Facts f, Facts.Block b) {
        return PersonsOwnAct.answers(f.state(), f.stateByPerson(), f.stateSince(), b.since());
    }
}
