package eu.consent.web.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.shared.FieldError;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.web.eligibility.DecisionRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record of plain strings (the single decision's request) is built straight from the parsed object, with what
 * JSON-B gave for it: absent and null members are null; an unknown member or one of the wrong type is a 422 for that
 * field, a value the record's constructor refuses a 422 for the body.
 */
class JsonBodyReaderTest {

    /** Refuses a blank name, as a record may check its values. */
    public record Named(String name) {
        public Named {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("blank");
            }
        }
    }

    private static Object read(String json, Class<?> type) {
        return JsonBodyReader.bind(JsonBodyReader.parse(json), type);
    }

    @Test
    void aDecisionRequestIsBuiltFromItsMembers() {
        assertEquals(
                new DecisionRequest(null, "a@example.com", null, "newsletter", "EMAIL"),
                read(
                        "{\"email\":\"a@example.com\",\"purpose\":\"newsletter\",\"channel\":\"EMAIL\","
                                + "\"phone\":null}",
                        DecisionRequest.class));
        assertEquals(
                new DecisionRequest("c1", null, null, "p\u00e9\n\"q\"", null),
                read("{\"contactId\":\"c1\",\"purpose\":\"p\\u00e9\\n\\\"q\\\"\"}", DecisionRequest.class),
                "escapes decoded as JSON-B decoded them");
        assertEquals(new DecisionRequest(null, null, null, null, null), read("{}", DecisionRequest.class));
    }

    @Test
    void anUnknownMemberOrOneOfTheWrongTypeIsRefusedByNameAndNothingIsBuilt() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> read(
                        "{\"email\":42,\"purpose\":[\"x\"],\"channel\":\"EMAIL\",\"extra\":\"y\"}",
                        DecisionRequest.class));
        assertEquals(
                List.of("extra", "email", "purpose"),
                e.errors().stream().map(FieldError::field).toList());
        InvalidInputException body = assertThrows(InvalidInputException.class, () -> read("[]", DecisionRequest.class));
        assertEquals("body", body.errors().get(0).field());
        assertThrows(InvalidInputException.class, () -> read("null", DecisionRequest.class));
    }

    @Test
    void aValueTheRecordRefusesIsAnInvalidBodyNotACrash() {
        assertEquals(new Named("x"), read("{\"name\":\"x\"}", Named.class));
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> read("{\"name\":\" \"}", Named.class));
        assertEquals(List.of(new FieldError("body", "does not match the expected document")), e.errors());
    }

    @Test
    void aMemberNamedTwiceIsMalformed() {
        eu.consent.web.problem.MalformedJsonException e = assertThrows(
                eu.consent.web.problem.MalformedJsonException.class,
                () -> JsonBodyReader.parse("{\"email\":\"a@example.com\",\n\"email\":\"b@example.com\"}"));
        assertEquals(
                "malformed JSON at line 2, column 8: the member email appears twice in one object", e.getMessage());
    }

    @Test
    void aMemberNamedTwiceInANestedObjectIsMalformedToo() {
        eu.consent.web.problem.MalformedJsonException e = assertThrows(
                eu.consent.web.problem.MalformedJsonException.class,
                () -> JsonBodyReader.parse("{\"attributes\":[{\"a\":1,\"a\":2}]}"));
        assertTrue(e.getMessage().endsWith("the member a appears twice in one object"), e.getMessage());
    }

    @Test
    void anythingAfterTheDocumentMakesItMalformed() {
        for (String text :
                List.of("{\"email\":\"a@example.com\"}}", "{\"email\":\"a@example.com\"},", "{} {}", "[] x")) {
            eu.consent.web.problem.MalformedJsonException e = assertThrows(
                    eu.consent.web.problem.MalformedJsonException.class, () -> JsonBodyReader.parse(text), text);
            assertTrue(e.getMessage().endsWith(": text follows the JSON value"), e.getMessage());
        }
        assertEquals(Jsons.createObjectBuilder().add("n", 1).build(), JsonBodyReader.parse(" {\"n\":1} \r\n\t"));
    }

    @Test
    void aBodyThatIsNotUtf8IsMalformedByItsFirstBadByte() {
        eu.consent.web.problem.MalformedJsonException e = assertThrows(
                eu.consent.web.problem.MalformedJsonException.class,
                () -> JsonBodyReader.text(
                        "{\"text\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals("the request body is not UTF-8 text (byte 12 starts an invalid sequence)", e.getMessage());
        assertEquals(
                "{\"text\":\"caf\u00e9\"}",
                JsonBodyReader.text("{\"text\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A document with an instant. */
    public record Dated(java.time.Instant at) {}

    @Test
    void anInstantOutsideTheYearsOneTo9999IsRefusedByName() {
        for (String far : List.of("+10000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "-0001-01-01T00:00:00Z")) {
            InvalidInputException e =
                    assertThrows(InvalidInputException.class, () -> read("{\"at\":\"" + far + "\"}", Dated.class), far);
            assertEquals(List.of(new FieldError("at", eu.consent.shared.Times.OUT_OF_RANGE)), e.errors(), far);
        }
    }
}
