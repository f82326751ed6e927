package eu.consent.consent;

import eu.consent.purpose.Channel;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Whether a double opt-in confirmation still speaks for the person when its link is clicked. The click confirms a grant
 * asked for when its message was sent; an opt-out the person made after that is their newer word, and a click on the
 * older message must not undo it — only a fresh opt-in may. And the click proves only that whoever reads the mailbox
 * the message went to wants the mail: it binds that address. One rule for the page and the confirmation alike, whatever
 * path the opt-out or the change of address took.
 */
final class Overtaken {

    private Overtaken() {}

    /**
     * Whether the person opted out of the grant's purpose and channel after {@code askedAt} (when the grant was
     * recorded and its message queued): an {@code UNSUBSCRIBED} entry on their identifier for the channel, for all
     * prospecting or for the purpose — a call centre's through the API and a provider's list count as a one-click's do
     * —, or their "leave everything" on a channel no entry can hold (push). An opt-out written as a consent event (a
     * WITHDRAW, an OBJECT) ends the pending state itself. A complaint made since (the person marked a message as spam)
     * overtakes it too: until 2026-12-07 the click was recorded and the page said "confirmed" while every decision
     * went on denying (tester AQ's F7). Other entries (a bounce, a manual block) are not lifted by a confirmation and go
     * on blocking the decisions as they are.
     */
    static boolean byOptOut(
            Instant askedAt,
            String purposeKey,
            Channel channel,
            Collection<Suppression> entriesOfIdentifier,
            Instant leftEverythingAt) {
        for (Suppression s : entriesOfIdentifier) {
            if (optedOut(s, purposeKey, channel) && s.createdAt().isAfter(askedAt)) {
                return true;
            }
        }
        return leftEverythingAt != null
                && leftEverythingAt.isAfter(askedAt)
                && channel.identifier().isEmpty();
    }

    /**
     * Whether the mailbox a confirmation request goes to stopped mail for the grant's purpose since the grant was
     * recorded at {@code grantRecordedAt}: a request not sent yet is then moot, whatever channel it confirms (asked by
     * the mail relay alone: one already received still confirms the channel it names). Where {@link #byOptOut} asks
     * whether a click still speaks for the person, this asks whether a message may still go to the address: an
     * erasure counts too, and "since" is since we learned it — a provider's report dated before the grant but
     * received after it stops a client's request as well; only the person's own fresh consent ({@code personsOwnAct})
     * outweighs an opt-out it postdates (review 42). Until 2026-12-07 an SMS grant's request, queued while mail could
     * not leave, went out to an address unsubscribed from all prospecting, or marked as spam, since (review 41).
     */
    static boolean mailStopped(
            Instant grantRecordedAt,
            boolean personsOwnAct,
            String purposeKey,
            Collection<Suppression> entriesOfAddress) {
        for (Suppression s : entriesOfAddress) {
            if (stopsMail(s, purposeKey)
                    && s.recordedAt().isAfter(grantRecordedAt)
                    && (s.createdAt().isAfter(grantRecordedAt) || !personsOwnAct)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a grant's confirmation must not be asked because the address complained, whenever it was made: no consent
     * answers a complaint (the decisions deny SUPPRESSED_COMPLAINT for as long as it holds), so a request for an email
     * purpose the complaint covers would confirm a consent nothing may be sent on — until 2026-12-07 the person's own
     * grant after a complaint mailed one, whose link answered "confirmed" while every decision denied (tester BD's F6).
     * A grant on another channel (SMS, a call, post) is still confirmed by mail: the complaint does not stop it (review
     * 46).
     */
    static boolean complained(Channel channel, String purposeKey, Collection<Suppression> entriesOfAddress) {
        return channel == Channel.EMAIL
                && entriesOfAddress.stream()
                        .anyMatch(s -> s.channel() == Channel.EMAIL
                                && s.reason() == SuppressionReason.COMPLAINT
                                && Suppression.covers(s.purposeKey(), purposeKey));
    }

    /**
     * Whether an entry is the person's opt-out of {@code purposeKey} on {@code channel}: their unsubscribe (from the
     * purpose or all prospecting on the channel) or their complaint.
     */
    static boolean optedOut(Suppression s, String purposeKey, Channel channel) {
        return s.channel() == channel
                && Suppression.covers(s.purposeKey(), purposeKey)
                && (s.reason() == SuppressionReason.UNSUBSCRIBED || s.reason() == SuppressionReason.COMPLAINT);
    }

    /**
     * Whether an entry of an email address stops the mail of {@code purposeKey} to it: the person's unsubscribe (from
     * the purpose or all prospecting), their complaint, or their erasure after an opt-out.
     */
    static boolean stopsMail(Suppression s, String purposeKey) {
        return s.channel() == Channel.EMAIL
                && Suppression.covers(s.purposeKey(), purposeKey)
                && (s.reason() == SuppressionReason.UNSUBSCRIBED
                        || s.reason() == SuppressionReason.COMPLAINT
                        || s.reason() == SuppressionReason.ERASED);
    }

    /**
     * Whether the address the confirmation was mailed to ({@code givenUp}: the one the contact held when the grant was
     * asked for, if it has given it up since) is no longer the contact's ({@code emailHashNow}, null without one). The
     * click is the word of whoever reads that mailbox, who may be someone else now (a CRM's correction): it confirms
     * nothing for the address the contact has now. An address given up and taken back is theirs again.
     */
    static boolean bySentElsewhere(Optional<String> givenUp, String emailHashNow) {
        return givenUp.isPresent() && !givenUp.get().equals(emailHashNow);
    }
}
