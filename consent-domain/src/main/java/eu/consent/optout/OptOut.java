package eu.consent.optout;

import eu.consent.consent.ConsentSource;
import eu.consent.purpose.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One effective opt-out, for statistics: no personal data, so it may outlive the person's erasure. */
@Entity
@Table(name = "opt_out")
@NamedQuery(
        name = OptOut.LATEST_OF,
        query = "SELECT o FROM OptOut o WHERE o.contactId = :contact AND o.channel = :channel"
                + " ORDER BY o.occurredAt DESC")
@NamedQuery(name = OptOut.OF_CONTACTS, query = "SELECT o FROM OptOut o WHERE o.contactId IN :ids")
public class OptOut {

    public static final String LATEST_OF = "OptOut.latestOf";
    public static final String OF_CONTACTS = "OptOut.ofContacts";
    private static final String ERASED = "[erased]";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "contact_id")
    private String contactId;

    @Column(name = "purpose_key")
    private String purposeKey;

    @Enumerated(EnumType.STRING)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    private ConsentSource source;

    @Enumerated(EnumType.STRING)
    @Column(name = "feedback_reason")
    private FeedbackReason feedbackReason;

    @Column(name = "feedback_comment")
    private String feedbackComment;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    /** What of the person named them when they wrote the comment ({@link PersonInComment#kept}); null after erasure. */
    @Column(name = "comment_terms")
    private String commentTerms;

    protected OptOut() {}

    /**
     * Whether an unsubscribe from all prospecting, made from {@code source} on {@code optedOutOn}, covers
     * {@code channel}: "unsubscribe from everything" on the preference page is every channel, those the person had no
     * identifier for then included; a link's or a mail provider's unsubscribe is its own channel.
     */
    public static boolean leavesEverythingOn(ConsentSource source, Channel optedOutOn, Channel channel) {
        return source == ConsentSource.PREFERENCE_CENTER || optedOutOn == channel;
    }

    OptOut(UUID contactId, String purposeKey, Channel channel, ConsentSource source, Feedback feedback, Instant at) {
        this(contactId, purposeKey, channel, source, feedback, List.of(), at);
    }

    /** With the values that named the person when they gave {@code feedback} ({@link PersonInComment#valuesOf}). */
    OptOut(
            UUID contactId,
            String purposeKey,
            Channel channel,
            ConsentSource source,
            Feedback feedback,
            List<String> person,
            Instant at) {
        this.id = UUID.randomUUID().toString();
        this.contactId = contactId == null ? null : contactId.toString();
        this.purposeKey = purposeKey;
        this.channel = channel;
        this.source = source;
        this.occurredAt = at;
        give(feedback, person);
    }

    /**
     * Adds the feedback given after the fact (the form after a one-click); a reason once given stays. With a comment,
     * keeps what of the person named them then ({@code person}): a name, CRM id or address they no longer hold when the
     * comment is listed or they are erased is withheld or cut all the same (AE-F3, until 2026-12-06 it was not).
     */
    boolean give(Feedback feedback, List<String> person) {
        if (feedbackReason != null || feedbackComment != null || !feedback.isGiven()) {
            return false;
        }
        feedbackReason = feedback.reason();
        feedbackComment = feedback.comment();
        if (feedbackComment != null && !feedbackComment.isBlank()) {
            commentTerms = PersonInComment.kept(person);
        }
        return true;
    }

    String purposeKey() {
        return purposeKey;
    }

    Channel channel() {
        return channel;
    }

    ConsentSource source() {
        return source;
    }

    Instant occurredAt() {
        return occurredAt;
    }

    /**
     * Remembers {@code former} values of the person with their comment, if they left one: a name, CRM id or address
     * replaced since may be written in it (AG-F1: until 2026-12-06 a value set after the comment and replaced before
     * the erasure read whole in the list and after the erasure).
     */
    void remember(List<String> former) {
        if (feedbackComment == null || feedbackComment.isBlank() || former.isEmpty()) {
            return;
        }
        List<String> all = PersonInComment.union(PersonInComment.keptValues(commentTerms), former);
        commentTerms = PersonInComment.kept(all);
    }

    /**
     * Forgets who opted out (erasure, purge): the opt-out stays for the statistics, without the contact — in its place
     * the person's {@code pseudonyms} entry, a random id drawn once per erased person that names no one, so that the
     * statistics still count one person who opted out three times as one (until 2026-12-05 each of their opt-outs became
     * a person of its own, and an erasure moved past periods' figures) — and its comment loses the person's identifiers written into it (people write "stop mailing me at …", "I moved from 12 rue
     * …", "I am Jane Quixote"): each of theirs in {@code identifiersOf} (by contact id: a purge forgets many people at
     * once, and one person's street is not cut from another's comment) as a whole word, however it is spaced or cased
     * ({@link PersonInComment#cut}), then any email address or phone number in any form, as the comments' list masks
     * them ({@link OptOutComments#withoutIdentifiers}).
     */
    public void detach(java.util.Map<String, List<String>> identifiersOf, java.util.Map<String, String> pseudonyms) {
        List<String> identifiers = PersonInComment.union(
                contactId == null ? List.of() : identifiersOf.getOrDefault(contactId, List.of()),
                PersonInComment.keptValues(commentTerms));
        commentTerms = null;
        contactId = contactId == null
                ? null
                : pseudonyms.computeIfAbsent(contactId, id -> UUID.randomUUID().toString());
        if (feedbackComment != null) {
            feedbackComment =
                    OptOutComments.withoutIdentifiers(PersonInComment.cut(feedbackComment, identifiers, ERASED));
        }
    }
}
