package eu.consent.web.purpose;

import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeChange;
import eu.consent.shared.Violations;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads an RFC 7396 merge patch of a purpose: only {@code names} and {@code retired} may change. The key and kind
 * name what consents were given for, so they never change (repeating their current value is harmless); the channels
 * and opt-in settings neither, for the same reason.
 */
final class PurposePatch {

    private static final Set<String> FIXED = Set.of("channels", "doubleOptIn", "similarToPurchases", "createdAt");

    private PurposePatch() {}

    static PurposeChange read(Purpose current, JsonObject patch) {
        Violations v = new Violations();
        Map<String, String> names = null;
        Boolean retired = null;
        for (Map.Entry<String, JsonValue> member : patch.entrySet()) {
            String field = member.getKey();
            JsonValue value = member.getValue();
            switch (field) {
                case "names" -> names = names(value, v);
                case "retired" -> {
                    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                        retired = value == JsonValue.TRUE;
                    } else {
                        v.add("retired", "must be true or false");
                    }
                }
                case "key" -> unchanged(field, value, current.key(), v);
                case "kind" -> unchanged(field, value, current.kind().name(), v);
                case "retiredAt" -> v.add(field, "is kept by the server: send \"retired\": true or false");
                default -> {
                    if (FIXED.contains(field)) {
                        v.add(field, "never changes once the purpose exists: define a new purpose instead");
                    } else {
                        v.add(field, "is not a member of a purpose; only names and retired may be patched");
                    }
                }
            }
        }
        v.throwIfAny();
        return new PurposeChange(names, retired);
    }

    private static void unchanged(String field, JsonValue value, String current, Violations v) {
        if (!(value instanceof JsonString s && s.getString().equals(current))) {
            v.add(field, "never changes once the purpose exists: define a new purpose instead");
        }
    }

    private static Map<String, String> names(JsonValue value, Violations v) {
        if (!(value instanceof JsonObject object)) {
            v.add("names", "must be an object of names by locale (a null name removes that locale)");
            return null;
        }
        Map<String, String> names = new LinkedHashMap<>();
        object.forEach((locale, name) -> {
            if (name == JsonValue.NULL) {
                names.put(locale, null);
            } else if (name instanceof JsonString s) {
                names.put(locale, s.getString());
            } else {
                v.add("names." + locale, "must be a string, or null to remove it");
            }
        });
        return names;
    }
}
