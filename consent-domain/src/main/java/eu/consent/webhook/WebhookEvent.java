package eu.consent.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The event types a subscription can ask for, with their names on the wire. */
public enum WebhookEvent {
    CONSENT_CHANGED("consent.changed"),
    OPTOUT_RECORDED("optout.recorded"),
    SUPPRESSION_ADDED("suppression.added"),
    SUPPRESSION_REMOVED("suppression.removed"),
    CONTACT_ERASED("contact.erased"),
    IMPORT_COMPLETED("import.completed"),
    JOB_FAILED("job.failed");

    private final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEvent> byWireName(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }
}
