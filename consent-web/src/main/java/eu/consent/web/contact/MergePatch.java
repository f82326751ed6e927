package eu.consent.web.contact;

import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.web.json.JsonBodyReader;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.util.Set;

/** RFC 7396 merge patch of a contact: applied to the contact as a client would have written it, then re-read. */
final class MergePatch {

    /** Server-kept members that a patch may not touch. */
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "lastActiveAt");

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    private MergePatch() {}

    static ContactRequest apply(ContactRequest current, JsonObject patch) {
        for (String member : patch.keySet()) {
            if (READ_ONLY.contains(member)) {
                throw new InvalidInputException(member, "is kept by the server and cannot be changed");
            }
        }
        JsonValue base = Jsons.createReader(new java.io.StringReader(JSONB.toJson(current)))
                .readValue();
        JsonValue merged = Jsons.createMergePatch(patch).apply(base);
        return (ContactRequest) JsonBodyReader.bind(merged, ContactRequest.class);
    }
}
