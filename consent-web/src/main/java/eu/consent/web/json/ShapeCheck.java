package eu.consent.web.json;

import eu.consent.shared.FieldError;
import eu.consent.shared.Times;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks a parsed JSON value against the Java type it will be bound to, so that {@code "customer": "yes"} is reported
 * as "customer must be a boolean" instead of being coerced or failing somewhere deep in the binder, and a member the
 * record does not have is reported by name.
 */
final class ShapeCheck {

    private ShapeCheck() {}

    static void check(JsonValue value, Type type, String path, List<FieldError> errors) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        Class<?> raw = rawClass(type);
        String field = path.isEmpty() ? "body" : path;
        if (raw == String.class || raw.isEnum()) {
            expect(value, JsonValue.ValueType.STRING, field, "a string", errors);
        } else if (raw == Boolean.class || raw == boolean.class) {
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                errors.add(new FieldError(field, "must be true or false"));
            }
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            if (value.getValueType() != JsonValue.ValueType.NUMBER || !((jakarta.json.JsonNumber) value).isIntegral()) {
                errors.add(new FieldError(field, "must be a whole number"));
            }
        } else if (raw == Instant.class) {
            if (expect(value, JsonValue.ValueType.STRING, field, "an ISO-8601 instant", errors)) {
                try {
                    if (!Times.inRange(Times.parseInstant(((jakarta.json.JsonString) value).getString()))) {
                        errors.add(new FieldError(field, Times.OUT_OF_RANGE));
                    }
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
                }
            }
        } else if (raw == UUID.class) {
            if (expect(value, JsonValue.ValueType.STRING, field, "a UUID", errors)) {
                try {
                    UUID.fromString(((jakarta.json.JsonString) value).getString());
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(field, "must be a UUID"));
                }
            }
        } else if (List.class.isAssignableFrom(raw)) {
            if (expect(value, JsonValue.ValueType.ARRAY, field, "an array", errors)) {
                JsonArray array = value.asJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    check(array.get(i), typeArgument(type, 0), path + "[" + i + "]", errors);
                }
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (expect(value, JsonValue.ValueType.OBJECT, field, "an object", errors)) {
                value.asJsonObject()
                        .forEach((name, member) -> check(member, typeArgument(type, 1), join(path, name), errors));
            }
        } else if (JsonObject.class.isAssignableFrom(raw)) {
            expect(value, JsonValue.ValueType.OBJECT, field, "an object", errors);
        } else if (raw.isRecord()) {
            if (expect(value, JsonValue.ValueType.OBJECT, field, "an object", errors)) {
                JsonObject object = value.asJsonObject();
                // A member the document does not have is a client's mistake (a typo such as "emial"), never ignored:
                // ignoring it would create a contact without the email the client meant to send.
                for (String name : object.keySet()) {
                    if (!hasComponent(raw, name)) {
                        errors.add(new FieldError(join(path, name), "is not a member of this document"));
                    }
                }
                for (RecordComponent component : raw.getRecordComponents()) {
                    JsonValue member = object.get(component.getName());
                    if (member != null) {
                        check(member, component.getGenericType(), join(path, component.getName()), errors);
                    }
                }
            }
        }
    }

    private static boolean hasComponent(Class<?> record, String name) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean expect(
            JsonValue value, JsonValue.ValueType expected, String field, String what, List<FieldError> errors) {
        if (value.getValueType() != expected) {
            errors.add(new FieldError(field, "must be " + what));
            return false;
        }
        return true;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
