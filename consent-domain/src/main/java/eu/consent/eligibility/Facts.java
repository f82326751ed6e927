package eu.consent.eligibility;

import eu.consent.consent.ConsentState;
import eu.consent.contact.Audience;
import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKind;
import eu.consent.suppression.SuppressionReason;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything the engine needs to know about one recipient, one purpose and one channel; gathered by the caller, so
 * that the engine does no I/O.
 *
 * @param contactKnown whether the identifier or id names a contact we hold
 * @param state the consent state for (purpose, channel), NONE when there is none
 * @param stateSince when that state began
 * @param blocks the suppressions on the identifier this channel uses, for this channel (any purpose)
 * @param pausedUntil the contact's pause, or null
 * @param cap the frequency cap for this purpose, or null
 * @param sentInWindow messages of this purpose sent within the cap's window
 * @param stateByPerson whether the current state was set by the person's own act with proof (only such a new consent
 *     answers an unsubscribe from everything)
 * @param preferredChannels the channels the person chose, empty when they chose none
 * @param lastActiveAt the person's last act, or null if none
 * @param createdAt when the contact was created (the retention clock of someone never active)
 * @param retentionCutoff a last act before this instant is past retention; null when retention does not apply
 * @param purposeRetired whether the purpose was retired (never older than the last change of any purpose)
 */
public record Facts(
        boolean contactKnown,
        Audience audience,
        boolean customer,
        String purposeKey,
        PurposeKind kind,
        boolean similarToPurchases,
        Channel channel,
        ConsentState state,
        Instant stateSince,
        List<Block> blocks,
        Instant pausedUntil,
        FrequencyCap cap,
        long sentInWindow,
        Instant now,
        boolean stateByPerson,
        Set<Channel> preferredChannels,
        Instant lastActiveAt,
        Instant createdAt,
        Instant retentionCutoff,
        boolean purposeRetired) {

    /**
     * Facts without preferences of channel or retention dates, whose consent state (if any) the person set: the rules
     * that need no more.
     */
    public Facts(
            boolean contactKnown,
            Audience audience,
            boolean customer,
            String purposeKey,
            PurposeKind kind,
            boolean similarToPurchases,
            Channel channel,
            ConsentState state,
            Instant stateSince,
            List<Block> blocks,
            Instant pausedUntil,
            FrequencyCap cap,
            long sentInWindow,
            Instant now) {
        this(
                contactKnown,
                audience,
                customer,
                purposeKey,
                kind,
                similarToPurchases,
                channel,
                state,
                stateSince,
                blocks,
                pausedUntil,
                cap,
                sentInWindow,
                now,
                true,
                Set.of(),
                null,
                null,
                null,
                false);
    }

    /** A suppression as the engine sees it: why, for which purpose (null for all), since when. */
    public record Block(SuppressionReason reason, String purposeKey, Instant since) {}

    public static Facts unknown(String purposeKey, PurposeKind kind, Channel channel, Instant now) {
        return new Facts(
                false,
                null,
                false,
                purposeKey,
                kind,
                false,
                channel,
                ConsentState.NONE,
                null,
                List.of(),
                null,
                null,
                0,
                now);
    }
}
