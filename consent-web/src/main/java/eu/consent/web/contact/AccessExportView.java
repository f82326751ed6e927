package eu.consent.web.contact;

import eu.consent.privacy.AccessExport;
import eu.consent.privacy.PersonalRecords;
import eu.consent.web.audit.AuditEntryView;
import eu.consent.web.consent.ConsentEventView;
import eu.consent.web.consent.ConsentStateView;
import java.time.Instant;
import java.util.List;

/** An access request's answer: the contact and everything held about them, in one document. */
public record AccessExportView(
        ContactView contact,
        List<ConsentStateView> consents,
        List<ConsentEventView> history,
        List<ActivityView> activities,
        List<SuppressionView> suppressions,
        List<AuditEntryView> audit,
        PreferencesView preferences,
        List<PersonalRecords.SentMessage> sends,
        List<PersonalRecords.FeedbackGiven> feedback,
        List<PersonalRecords.MailSent> messages,
        List<PersonalRecords.RejectedImportRow> importRejects,
        PersonalRecords.Reactivation reactivation,
        List<PersonalRecords.Stay> stays,
        List<PersonalRecords.SoftBounce> softBounces,
        List<PersonalRecords.Disclosure> disclosures,
        List<ReceiptView> receipts) {

    /** The signed receipt (compact JWS) of one consent event of the history. */
    public record ReceiptView(String eventId, String receipt) {}

    /** An activity as reported. */
    public record ActivityView(String type, Instant occurredAt, Instant recordedAt) {}

    /** A suppression on one of the person's identifiers. */
    public record SuppressionView(
            String identifier, String channel, String purpose, String reason, String source, Instant createdAt) {}

    /**
     * The export as its reader may have it: one who may change nothing (an auditor) gets the messages without the
     * tokens of the links that act as the person, and the webhook receivers without the path of their URL.
     */
    public static AccessExportView of(AccessExport e, boolean mayAct) {
        return new AccessExportView(
                ContactView.of(e.contact()),
                e.consents().stream().map(ConsentStateView::of).toList(),
                e.history().stream().map(ConsentEventView::of).toList(),
                e.activities().stream()
                        .map(a -> new ActivityView(a.type().name(), a.occurredAt(), a.recordedAt()))
                        .toList(),
                e.suppressions().stream()
                        .map(s -> new SuppressionView(
                                s.identifierKind().name(),
                                s.channel().name(),
                                s.purposeKey(),
                                s.reason().name(),
                                s.source(),
                                s.createdAt()))
                        .toList(),
                e.audit().stream().map(AuditEntryView::of).toList(),
                PreferencesView.of(e.preferences()),
                e.sends(),
                e.feedback(),
                mayAct ? e.messages() : PersonalRecords.withoutActingTokens(e.messages()),
                e.importRejects(),
                e.reactivation(),
                e.stays(),
                e.softBounces(),
                mayAct ? e.disclosures() : PersonalRecords.withRecipientsOnly(e.disclosures()),
                e.receipts().stream()
                        .map(r -> new ReceiptView(r.eventId().toString(), r.receipt()))
                        .toList());
    }
}
