package eu.consent.web.json;

import eu.consent.shared.FieldError;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.shared.Utf8;
import eu.consent.web.problem.MalformedJsonException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON request bodies into records (and lists of records) or a {@link JsonObject}: malformed JSON is a 400,
 * a valid document of the wrong shape a 422 with one error per field.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
public class JsonBodyReader implements MessageBodyReader<Object> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() || List.class.isAssignableFrom(type) || JsonObject.class.isAssignableFrom(type);
    }

    @Override
    public Object readFrom(
            Class<Object> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream entity)
            throws java.io.IOException {
        return bind(parse(text(entity.readAllBytes())), genericType);
    }

    /**
     * A JSON body's text: bytes that are not UTF-8 make it malformed (a 400 naming the first of them), never a text
     * with U+FFFD in their place to store. A declared charset other than UTF-8 was refused before (HeaderSyntaxFilter).
     */
    public static String text(byte[] body) {
        try {
            return Utf8.decode(body);
        } catch (Utf8.InvalidException e) {
            throw new MalformedJsonException("the request body " + e.getMessage());
        }
    }

    /**
     * The canonical constructor of a record made only of plain strings (a single decision's request, the hottest body
     * of the service), else null. Such a record is built straight from the parsed object, as JSON-B would build it
     * (an absent or null member is null; unknown members were refused before), without writing the object back to
     * text for JSON-B to parse again: that round trip was ~4% of a decision's CPU (JFR, 2026-12-04).
     */
    private static final ClassValue<StringRecord> STRING_RECORDS = new ClassValue<>() {
        @Override
        protected StringRecord computeValue(Class<?> type) {
            if (!type.isRecord() || !java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                return null;
            }
            java.lang.reflect.RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                java.lang.reflect.RecordComponent c = components[i];
                if (c.getType() != String.class
                        || c.getAnnotations().length > 0
                        || c.getAccessor().getAnnotations().length > 0) {
                    return null;
                }
                names[i] = c.getName();
                types[i] = String.class;
            }
            try {
                java.lang.reflect.Constructor<?> constructor = type.getConstructor(types);
                return new StringRecord(constructor, names);
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    /** A record of plain strings: its public canonical constructor and its components' names, in order. */
    private record StringRecord(java.lang.reflect.Constructor<?> constructor, String[] names) {

        Object of(JsonObject object) {
            Object[] values = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                // ShapeCheck has let through only strings and nulls
                values[i] = object.get(names[i]) instanceof jakarta.json.JsonString text ? text.getString() : null;
            }
            try {
                return constructor.newInstance(values);
            } catch (ReflectiveOperationException e) {
                // as JSON-B answers a record whose constructor refuses the values
                throw new InvalidInputException("body", "does not match the expected document");
            }
        }
    }

    /** Parses JSON text; anything that is not one well-formed JSON value is malformed. */
    public static JsonValue parse(String text) {
        if (text.isBlank()) {
            throw new MalformedJsonException("the request body is empty; a JSON document is required");
        }
        try {
            return Jsons.readStrict(text);
        } catch (JsonParsingException e) {
            String at = "malformed JSON at line " + e.getLocation().getLineNumber() + ", column "
                    + e.getLocation().getColumnNumber();
            throw new MalformedJsonException(
                    Jsons.refusal(e).map(why -> at + ": " + why).orElse(at));
        } catch (JsonException e) {
            throw new MalformedJsonException("malformed JSON");
        }
    }

    /** Binds a parsed value to {@code type}, after checking that every member has the type the record expects. */
    public static Object bind(JsonValue value, Type type) {
        if (type == JsonObject.class) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidInputException("body", "must be a JSON object");
            }
            return value.asJsonObject();
        }
        List<FieldError> errors = new ArrayList<>();
        ShapeCheck.check(value, type, "", errors);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            errors.add(new FieldError("body", "must not be null"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (type instanceof Class<?> record && value.getValueType() == JsonValue.ValueType.OBJECT) {
            StringRecord strings = STRING_RECORDS.get(record);
            if (strings != null) {
                return strings.of(value.asJsonObject());
            }
        }
        try {
            return JsonConfig.JSONB.fromJson(value.toString(), type);
        } catch (JsonbException e) {
            throw new InvalidInputException("body", "does not match the expected document");
        }
    }
}
