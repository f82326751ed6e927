package eu.consent.privacy;

import eu.consent.audit.AuditEntry;
import eu.consent.consent.CurrentConsent;
import eu.consent.consent.Evidence;
import eu.consent.contact.Activity;
import eu.consent.contact.Contact;
import eu.consent.preference.Preferences;
import eu.consent.receipt.Receipts;
import eu.consent.suppression.Suppression;
import java.util.List;

/** Everything held on one person, for an access request. */
public record AccessExport(
        Contact contact,
        List<CurrentConsent> consents,
        List<Evidence> history,
        List<Activity> activities,
        List<Suppression> suppressions,
        List<AuditEntry> audit,
        Preferences preferences,
        List<PersonalRecords.SentMessage> sends,
        List<PersonalRecords.FeedbackGiven> feedback,
        List<PersonalRecords.MailSent> messages,
        List<PersonalRecords.RejectedImportRow> importRejects,
        PersonalRecords.Reactivation reactivation,
        List<PersonalRecords.Stay> stays,
        List<PersonalRecords.SoftBounce> softBounces,
        List<PersonalRecords.Disclosure> disclosures,
        List<Receipts.Signed> receipts) {}
