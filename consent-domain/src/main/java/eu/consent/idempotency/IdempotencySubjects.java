package eu.consent.idempotency;

import eu.consent.contact.EmailAddresses;
import eu.consent.contact.PhoneNumbers;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The people a batch request names, as the identifiers an erasure knows them by: a batch (a report of sends, of ESP
 * events) answers with a count that names no one, so neither the answer nor a single {@code contactId} tells whose
 * erasure must forget it, while its kept request hash confirms a guess of any address or id it held.
 */
public final class IdempotencySubjects {

    private IdempotencySubjects() {}

    /**
     * Each element's {@code contactId} (lower case, as contacts are keyed), {@code email} (normalized) and {@code phone}
     * (E.164, international form only: no country to read a national number with) of a JSON array; what is not one of
     * these (a malformed value, another document) names no one. Normalized as the contact keeps them, so that their
     * keyed hashes are the contact's.
     */
    public static Set<String> namedBy(JsonValue body) {
        Set<String> named = new LinkedHashSet<>();
        if (!(body instanceof JsonArray batch)) {
            return named;
        }
        for (JsonValue element : batch) {
            if (!(element instanceof JsonObject item)) {
                continue;
            }
            if (item.get("contactId") instanceof JsonString id) {
                try {
                    named.add(UUID.fromString(id.getString().strip()).toString().toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException notAnId) {
                    // names no contact: the request was refused, or the id is no one's
                }
            }
            if (item.get("email") instanceof JsonString email) {
                String normalized = EmailAddresses.normalizeOrNull(email.getString());
                if (normalized != null) {
                    named.add(normalized);
                }
            }
            if (item.get("phone") instanceof JsonString phone) {
                String e164 = PhoneNumbers.toE164OrNull(phone.getString(), null);
                if (e164 != null) {
                    named.add(e164);
                }
            }
        }
        return named;
    }
}
