package eu.consent.webhook;

import eu.consent.shared.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An event about to be queued: its facts without personal data, and the person's identifiers apart, added only for the
 * subscriptions that asked for them. {@code seq} orders it; {@code orderKey} names what it must stay in order with.
 */
record OutgoingEvent(
        UUID id,
        WebhookEvent type,
        long seq,
        Instant occurredAt,
        String orderKey,
        UUID contactId,
        JsonObject data,
        Map<String, String> identifiers) {

    /** The body to POST: {@code {"id","type","occurredAt","data":{…}}}. */
    String payload(boolean withIdentifiers) {
        JsonObjectBuilder body = Jsons.createObjectBuilder(data);
        if (withIdentifiers) {
            identifiers.forEach(body::add);
        }
        return Jsons.createObjectBuilder()
                .add("id", id.toString())
                .add("type", type.wireName())
                .add("occurredAt", occurredAt.toString())
                .add("data", body)
                .build()
                .toString();
    }

    /** A queued payload with the identifiers taken out again (erasure of the person it names). */
    static String withoutIdentifiers(String payload) {
        JsonObject body = Jsons.createReader(new java.io.StringReader(payload)).readObject();
        JsonObjectBuilder data = Jsons.createObjectBuilder(body.getJsonObject("data"));
        data.remove("email");
        data.remove("phone");
        return Jsons.createObjectBuilder(body).add("data", data).build().toString();
    }
}
