package eu.consent.shared;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonMergePatch;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jakarta JSON Processing's factories on one provider, looked up once. {@code jakarta.json.Json}'s static methods look
 * the provider up again at every call: a {@code ServiceLoader} scan of the application's class loaders, which took a
 * twentieth to a tenth of a one-click unsubscribe's CPU (JFR, PostgreSQL, 2026-12-04: 46 of 464 and 19 of 339 samples
 * in two runs, from the ledger, the suppression, the metrics' audit details and the page's purpose name; none with
 * this class). A provider and its factories are thread-safe.
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {}

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    /** A builder holding the object's members, to add to. */
    public static JsonObjectBuilder createObjectBuilder(JsonObject object) {
        return PROVIDER.createObjectBuilder(object);
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonReader createReader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    public static JsonReader createReader(InputStream in) {
        return PROVIDER.createReader(in);
    }

    private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());

    private static final String DUPLICATE_KEY = "Duplicate key '%s' is not allowed";

    private static final String TRAILING_TEXT = "Unexpected text after the JSON value";

    private static final String LONE_SURROGATE = "A string holds an unpaired surrogate";

    private static final String NUL = "A string holds U+0000";

    /**
     * {@link #refusal}'s words for a NUL in a string: no text holds one, and PostgreSQL cannot store it (tester AO's F3:
     * until 2026-12-07 a NUL was taken, and stored as it was on Derby).
     */
    public static final String NUL_CHARACTER = "a string holds the character U+0000 (\\u0000), which is not text";

    /** {@link #refusal}'s words for an escaped surrogate without its pair. */
    public static final String NOT_UNICODE =
            "a string holds a \\u escape of half a surrogate pair (such as \\ud800 alone), which is no character";

    /** {@link #refusal}'s words for text after the value. */
    public static final String TRAILING = "text follows the JSON value";

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate key '(.*)' is not allowed");

    /**
     * The deepest nesting of arrays and objects a client's document may have: no document of the API comes near it,
     * and the parser itself gives up at 1,000 with an exception that is not a parsing one.
     */
    public static final int MAX_DEPTH = 100;

    private static final String TOO_DEEP = "Arrays and objects nested deeper than " + MAX_DEPTH + " levels";

    /** {@link #refusal}'s words for a document nested too deep. */
    public static final String DEEP = "arrays and objects are nested deeper than " + MAX_DEPTH + " levels";

    /**
     * The longest number a client's document may hold, in characters, and the largest power of ten it may name: no
     * member of the API needs more, and past 1,100 characters the parser fails with an exception that is not a parsing
     * one (a 500 for a 1.2 kB body until 2026-12-06), while an exponent such as {@code 1e999999999} is a number any
     * later conversion to an integer would spend minutes and gigabytes writing out.
     */
    public static final int MAX_NUMBER_CHARS = 100;

    private static final int MAX_EXPONENT = 1000;

    private static final String TOO_LONG_NUMBER =
            "A number longer than " + MAX_NUMBER_CHARS + " characters or beyond 1e" + MAX_EXPONENT;

    /** {@link #refusal}'s words for a number too long or too large. */
    public static final String NUMBER_TOO_LONG =
            "a number is longer than " + MAX_NUMBER_CHARS + " characters or its magnitude is beyond 1e" + MAX_EXPONENT;

    /**
     * Reads JSON text as clients must send it: exactly one value, with nothing but blanks after it, and no object that
     * names a member twice (I-JSON, RFC 7493), since which of two emails or two purposes the client meant is not the
     * server's to guess. A plain reader would keep the last of two members and stop reading after the first value,
     * so that {@code {"email":"a@b.fr"}}} or {@code {…} garbage} passed for a document; JSON-P's
     * {@code KeyStrategy.NONE} is honoured by readers but not by parsers, and neither looks past the first value.
     *
     * @throws JsonParsingException (with its location) for anything else, including the two cases above, which
     *     {@link #refusal} puts into words
     */
    public static JsonValue readStrict(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new JsonParsingException("No JSON value", parser.getLocation());
            }
            JsonValue value = strictValue(parser, parser.next(), 0);
            if (followed(parser)) {
                throw new JsonParsingException(TRAILING_TEXT, parser.getLocation());
            }
            return value;
        }
    }

    /** Whether anything but blanks follows the value read (the parser may throw on what it finds there). */
    private static boolean followed(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (JsonException e) {
            return true;
        }
    }

    private static JsonValue strictValue(JsonParser parser, JsonParser.Event event, int depth) {
        if ((event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) && depth >= MAX_DEPTH) {
            throw new JsonParsingException(TOO_DEEP, parser.getLocation());
        }
        switch (event) {
            case START_OBJECT -> {
                JsonObjectBuilder object = PROVIDER.createObjectBuilder();
                Set<String> names = new HashSet<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                    String name = unicode(parser, parser.getString());
                    if (!names.add(name)) {
                        throw new JsonParsingException(DUPLICATE_KEY.formatted(name), parser.getLocation());
                    }
                    object.add(name, strictValue(parser, parser.next(), depth + 1));
                }
                return object.build();
            }
            case START_ARRAY -> {
                JsonArrayBuilder array = PROVIDER.createArrayBuilder();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
                    array.add(strictValue(parser, e, depth + 1));
                }
                return array.build();
            }
            case VALUE_STRING -> {
                return PROVIDER.createValue(unicode(parser, parser.getString()));
            }
            case VALUE_NUMBER -> {
                return number(parser);
            }
            default -> {
                return parser.getValue();
            }
        }
    }

    /** The number, if it is within {@link #MAX_NUMBER_CHARS} and 1e±{@link #MAX_EXPONENT}. */
    private static JsonValue number(JsonParser parser) {
        String text = parser.getString();
        if (text.length() > MAX_NUMBER_CHARS) {
            throw new JsonParsingException(TOO_LONG_NUMBER, parser.getLocation());
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new JsonParsingException(TOO_LONG_NUMBER, e, parser.getLocation());
        }
        int magnitude = value.precision() - value.scale() - 1;
        if (magnitude > MAX_EXPONENT || value.scale() > MAX_EXPONENT + MAX_NUMBER_CHARS) {
            throw new JsonParsingException(TOO_LONG_NUMBER, parser.getLocation());
        }
        return parser.getValue();
    }

    /**
     * The string, if it is Unicode text: an escaped surrogate without its pair ({@code "\\ud800"}) is well-formed JSON
     * but no character (I-JSON, RFC 7493 §2.1), and stored it would become a {@code ?}, a notice's text then differing
     * from the one its hash was computed on.
     */
    private static String unicode(JsonParser parser, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new JsonParsingException(LONE_SURROGATE, parser.getLocation());
            } else if (c == '\u0000') {
                throw new JsonParsingException(NUL, parser.getLocation());
            }
        }
        return s;
    }

    /** Why {@link #readStrict} refused well-formed-looking text, in words for a client, when that is why. */
    public static Optional<String> refusal(JsonException refused) {
        String message = String.valueOf(refused.getMessage());
        if (message.equals(TRAILING_TEXT)) {
            return Optional.of(TRAILING);
        }
        if (message.equals(TOO_DEEP)) {
            return Optional.of(DEEP);
        }
        if (message.equals(LONE_SURROGATE)) {
            return Optional.of(NOT_UNICODE);
        }
        if (message.equals(NUL)) {
            return Optional.of(NUL_CHARACTER);
        }
        if (message.equals(TOO_LONG_NUMBER)) {
            return Optional.of(NUMBER_TOO_LONG);
        }
        Matcher m = DUPLICATE.matcher(message);
        return m.find() ? Optional.of("the member " + m.group(1) + " appears twice in one object") : Optional.empty();
    }

    public static JsonParser createParser(Reader reader) {
        return PROVIDER.createParser(reader);
    }

    public static JsonMergePatch createMergePatch(JsonValue patch) {
        return PROVIDER.createMergePatch(patch);
    }

    public static JsonString createValue(String value) {
        return PROVIDER.createValue(value);
    }
}
