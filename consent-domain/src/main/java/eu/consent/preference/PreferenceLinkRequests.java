package eu.consent.preference;

import eu.consent.audit.AuditLog;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.contact.EmailAddresses;
import eu.consent.contact.FindContact;
import eu.consent.mail.MailOutbox;
import eu.consent.mail.PreferenceLinkMail;
import eu.consent.optout.UnsubscribeLinks;
import eu.consent.shared.Service;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * "Send me my preference link": mails the preference-centre link to the address given, if a contact holds it. The
 * caller learns nothing either way (the page answers the same); only the holder of the mailbox gets the link.
 */
@Service
public class PreferenceLinkRequests {

    @Inject
    ContactService contacts;

    @Inject
    UnsubscribeLinks links;

    @Inject
    MailOutbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "consent.brand.name", defaultValue = "Consent service")
    String organization;

    /** Queues the link for the contact holding {@code email}; returns whether one does (for logs and tests only). */
    public boolean send(String email) {
        String normalized = EmailAddresses.normalizeOrNull(email);
        if (normalized == null) {
            return false;
        }
        Optional<Contact> contact = contacts.lookup(new FindContact(FindContact.By.EMAIL, normalized));
        if (contact.isEmpty()) {
            return false;
        }
        Contact c = contact.get();
        PreferenceLinkMail mail = PreferenceLinkMail.compose(c.locale(), links.preferencesUrlFor(c.id()), organization);
        if (!outbox.queue(c.id(), c.email(), mail.subject(), mail.body())) {
            return false; // the address bounced for good: nothing is mailed there
        }
        audit.append("PREFERENCE_LINK_SENT", "contact", c.id().toString(), null);
        return true;
    }
}
