package eu.consent.web.purpose;

import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeChange;
import eu.consent.shared.Violations;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads an RFC 7396 merge patch of a purpose: only {@code names} and {@code retired} may change. The key and kind
 * name what consents were given for, so they never change; the channels, opt-in settings and creation time neither,
 * for the same reason. Repeating their current value is harmless: a client may patch back the document it read.
 */
final class PurposePatch {

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
                case "key" ->
                    unchanged(
                            field,
                            value instanceof JsonString s && s.getString().equals(current.key()),
                            v);
                case "kind" ->
                    unchanged(
                            field,
                            value instanceof JsonString s
                                    && s.getString().equals(current.kind().name()),
                            v);
                case "channels" -> unchanged(field, sameChannels(value, current.channels()), v);
                case "doubleOptIn" -> unchanged(field, sameBoolean(value, current.requiresDoubleOptIn()), v);
                case "similarToPurchases" -> unchanged(field, sameBoolean(value, current.isSimilarToPurchases()), v);
                case "createdAt" -> unchanged(field, sameInstant(value, current.createdAt()), v);
                case "retiredAt" -> {
                    if (!(current.retiredAt() == null
                            ? value == JsonValue.NULL
                            : sameInstant(value, current.retiredAt()))) {
                        v.add(field, "is kept by the server: send \"retired\": true or false");
                    }
                }
                default -> v.add(field, "is not a member of a purpose; only names and retired may be patched");
            }
        }
        v.throwIfAny();
        return new PurposeChange(names, retired);
    }

    /**
     * A member that never changes may be sent with its current value (a client patching back the document it read);
     * any other value is refused.
     */
    private static void unchanged(String field, boolean current, Violations v) {
        if (!current) {
            v.add(field, "never changes once the purpose exists: define a new purpose instead");
        }
    }

    private static boolean sameBoolean(JsonValue value, boolean current) {
        return value.getValueType() == (current ? JsonValue.ValueType.TRUE : JsonValue.ValueType.FALSE);
    }

    /** The same channels, in any order. */
    private static boolean sameChannels(JsonValue value, Set<Channel> current) {
        if (!(value instanceof JsonArray array)) {
            return false;
        }
        Set<String> sent = new HashSet<>();
        for (JsonValue channel : array) {
            if (!(channel instanceof JsonString s)) {
                return false;
            }
            sent.add(s.getString());
        }
        Set<String> held = new HashSet<>();
        current.forEach(c -> held.add(c.name()));
        return sent.size() == array.size() && sent.equals(held);
    }

    private static boolean sameInstant(JsonValue value, Instant current) {
        if (!(value instanceof JsonString s) || current == null) {
            return false;
        }
        try {
            return Instant.parse(s.getString()).equals(current);
        } catch (DateTimeParseException e) {
            return false;
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
