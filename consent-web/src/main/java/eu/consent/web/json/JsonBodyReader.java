package eu.consent.web.json;

import eu.consent.shared.FieldError;
import eu.consent.shared.InvalidInputException;
import eu.consent.web.problem.MalformedJsonException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON request bodies into records (and lists of records) or a {@link JsonObject}: malformed JSON is a 400,
 * a valid document of the wrong shape a 422 with one error per field.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
public class JsonBodyReader implements MessageBodyReader<Object> {

    /** Made once: looking the JSON provider up for every request costs more than the parse. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(java.util.Map.of());

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
        String text = new String(entity.readAllBytes(), StandardCharsets.UTF_8);
        return bind(parse(text), genericType);
    }

    /** Parses JSON text; anything that is not one well-formed JSON value is malformed. */
    public static JsonValue parse(String text) {
        if (text.isBlank()) {
            throw new MalformedJsonException("the request body is empty; a JSON document is required");
        }
        try (var reader = READERS.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            throw new MalformedJsonException(
                    "malformed JSON at line " + e.getLocation().getLineNumber() + ", column "
                            + e.getLocation().getColumnNumber());
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
        try {
            return JsonConfig.JSONB.fromJson(value.toString(), type);
        } catch (JsonbException e) {
            throw new InvalidInputException("body", "does not match the expected document");
        }
    }
}
