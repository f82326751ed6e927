package eu.consent.webhook;

import eu.consent.audit.AuditEntry;
import eu.consent.shared.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;

/**
 * Reads the audit entries that webhooks report: which event an action is, and the facts of its payload. The audit
 * entry is the one record every write path already makes in its transaction, so no service needs to know webhooks.
 */
final class AuditedChanges {

    private AuditedChanges() {}

    static Optional<WebhookEvent> typeOf(String action) {
        if (action.startsWith("CONSENT_")) {
            return Optional.of(WebhookEvent.CONSENT_CHANGED);
        }
        return Optional.ofNullable(
                switch (action) {
                    case "OPT_OUT" -> WebhookEvent.OPTOUT_RECORDED;
                    case "SUPPRESSION_ADDED" -> WebhookEvent.SUPPRESSION_ADDED;
                    case "SUPPRESSION_DELETED", "SUPPRESSION_LIFTED" -> WebhookEvent.SUPPRESSION_REMOVED;
                    case "CONTACT_ERASED", "CONTACT_PURGED" -> WebhookEvent.CONTACT_ERASED;
                    case "IMPORT_COMPLETED" -> WebhookEvent.IMPORT_COMPLETED;
                    case "JOB_FAILED" -> WebhookEvent.JOB_FAILED;
                    default -> null;
                });
    }

    /** The payload's facts about {@code subject} (the entry's own, or one of the contacts it lists): ids, purpose, channel, state, rule, reason; never an email or phone. */
    static JsonObject data(WebhookEvent type, AuditEntry entry, String subject) {
        JsonObject details = details(entry.details());
        JsonObjectBuilder data = Jsons.createObjectBuilder();
        switch (type) {
            case CONSENT_CHANGED -> {
                String state = details.getString("state", null);
                data.add("contactId", subject)
                        .add("eventId", details.getString("event", ""))
                        .add("action", entry.action().substring("CONSENT_".length()));
                copy(details, data, "purpose", "channel", "source", "state");
                addOrNull(data, "rule", state == null ? null : ruleOfState(state));
                // The state before the event (entries written before 2026-12-06 do not say it: null): equal to
                // state when the event changed nothing, which a receiver wanting changes only can skip.
                addOrNull(data, "previousState", details.getString("was", null));
            }
            case OPTOUT_RECORDED -> {
                data.add("contactId", subject);
                addOrNull(data, "purpose", allMeansNull(details.getString("purpose", null)));
                copy(details, data, "channel", "source");
                String action = details.getString("action", null);
                if (action == null) {
                    // the unsubscribe link, the one-click, the ESP, "leave everything": an UNSUBSCRIBED suppression; a
                    // complaint at the provider: a COMPLAINT one
                    String reason = details.getString("reason", "UNSUBSCRIBED");
                    data.add("reason", reason).add("rule", ruleOfReason(reason));
                    // A provider's report: when the person made it (since 2026-12-06), which a consent of theirs given
                    // after it outweighs.
                    if (details.containsKey("occurredAt")) {
                        data.add("occurredAt", details.getString("occurredAt"));
                    }
                } else {
                    // a WITHDRAW or OBJECT the person made elsewhere (a form, the preference centre's switch, the API)
                    data.addNull("reason").add("rule", action.equals("OBJECT") ? "OBJECTED" : "CONSENT_WITHDRAWN");
                    copy(details, data, "action");
                    addOrNull(data, "eventId", details.getString("event", null));
                }
            }
            case SUPPRESSION_ADDED -> {
                String reason = details.getString("reason", null);
                data.add("suppressionId", subject);
                addOrNull(data, "purpose", allMeansNull(details.getString("purpose", null)));
                copy(details, data, "channel", "reason", "source");
                addOrNull(data, "rule", reason == null ? null : ruleOfReason(reason));
            }
            case SUPPRESSION_REMOVED -> {
                // What suppression.added said of the entry, but no rule: what decides next is no longer the entry.
                data.add("suppressionId", subject)
                        .add("cause", entry.action().equals("SUPPRESSION_LIFTED") ? "PERSONS_NEW_CONSENT" : "DELETED");
                addOrNull(data, "purpose", allMeansNull(details.getString("purpose", null)));
                copy(details, data, "channel", "reason", "source");
            }
            case CONTACT_ERASED ->
                data.add("contactId", subject)
                        .add("reason", entry.action().equals("CONTACT_PURGED") ? "RETENTION" : "ERASURE_REQUEST");
            case IMPORT_COMPLETED -> {
                data.add("importId", subject);
                details.forEach(data::add);
            }
            case JOB_FAILED -> {
                data.add("jobName", subject);
                details.forEach(data::add);
            }
        }
        return data.build();
    }

    /** The rule a decision names while a consent is in this state. */
    static String ruleOfState(String state) {
        return switch (state) {
            case "GRANTED" -> "CONSENT_GRANTED";
            case "PENDING" -> "CONSENT_PENDING";
            case "WITHDRAWN" -> "CONSENT_WITHDRAWN";
            case "OBJECTED" -> "OBJECTED";
            default -> "NO_CONSENT";
        };
    }

    /** The rule a decision names for a suppression with this reason. */
    static String ruleOfReason(String reason) {
        return reason.equals("DNC_REGISTRY") ? "PHONE_DNC_LISTED" : "SUPPRESSED_" + reason;
    }

    private static JsonObject details(String json) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = Jsons.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static String allMeansNull(String purpose) {
        return "*".equals(purpose) ? null : purpose;
    }

    private static void copy(JsonObject from, JsonObjectBuilder to, String... names) {
        for (String name : names) {
            if (from.containsKey(name)) {
                to.add(name, from.get(name));
            }
        }
    }

    private static void addOrNull(JsonObjectBuilder to, String name, String value) {
        if (value == null) {
            to.addNull(name);
        } else {
            to.add(name, value);
        }
    }
}
