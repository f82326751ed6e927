package eu.consent.web.openapi;

import eu.consent.shared.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request example per operation that reads a body, the values of the README's walk-through. */
final class Examples {

    private static final String CONTACT = "3f0e8a52-9d4c-4a57-9a43-2b8f7f1c6e10";
    private static final String NOTICE = "8b7d7c1e-2f4a-4e0c-b2a1-5c3d9e8f7a60";

    private static final Map<String, String> JSON = Map.ofEntries(
            Map.entry("ContactResource_create", """
                    {"email":"jeanne.martin@example.fr","country":"FR","locale":"fr","audience":"B2C",\
                    "customer":false}"""),
            Map.entry("ContactResource_lookup", "{\"email\":\"jeanne.martin@example.fr\"}"),
            Map.entry("SuppressionResource_lookup", "{\"email\":\"jeanne.martin@example.fr\"}"),
            Map.entry("ContactResource_patch", "{\"locale\":\"en\",\"phone\":\"+33612345678\"}"),
            Map.entry("ContactResource_activity", "{\"type\":\"CLICK\",\"occurredAt\":\"2026-11-30T10:00:00Z\"}"),
            Map.entry("ContactResource_replacePreferences", """
                    {"frequency":{"newsletter":{"max":2,"per":"WEEK"}},"channels":["EMAIL"],"pausedUntil":null}"""),
            Map.entry("ConsentResource_record", """
                    {"contactId":"%s","purpose":"newsletter","channel":"EMAIL","action":"GRANT","source":"WEB_FORM",\
                    "noticeId":"%s","proof":{"ip":"203.0.113.7","userAgent":"Mozilla/5.0",\
                    "formUrl":"https://shop.example/newsletter"}}""".formatted(CONTACT, NOTICE)),
            Map.entry("PurposeResource_create", """
                    {"key":"newsletter","kind":"PROSPECTING","channels":["EMAIL"],"doubleOptIn":true,\
                    "similarToPurchases":false,"names":{"fr":"Lettre d'information","en":"Newsletter"}}"""),
            Map.entry("PurposeResource_addNotice", """
                    {"locale":"fr","text":"J'accepte de recevoir la lettre d'information par email."}"""),
            Map.entry("PurposeResource_change", "{\"retired\":true}"),
            Map.entry("DecisionResource_decide", """
                    {"email":"jeanne.martin@example.fr","purpose":"newsletter","channel":"EMAIL"}"""),
            Map.entry(
                    "UnsubscribeLinkResource_create",
                    "{\"contactId\":\"%s\",\"purpose\":\"newsletter\"}".formatted(CONTACT)),
            Map.entry("SuppressionResource_add", """
                    {"email":"paul.durand@example.fr","channel":"EMAIL","reason":"MANUAL"}"""),
            Map.entry("EspEventResource_report", """
                    [{"type":"HARD_BOUNCE","email":"paul.durand@example.fr","occurredAt":"2026-11-30T10:00:00Z",\
                    "provider":"ses","messageId":"0100018c-example"}]"""),
            Map.entry("SendResource_report", """
                    [{"contactId":"%s","purpose":"newsletter","channel":"EMAIL","sentAt":"2026-11-30T10:00:00Z"}]""".formatted(CONTACT)),
            Map.entry("ReactivationLinkResource_create", "{\"contactId\":\"%s\"}".formatted(CONTACT)),
            Map.entry("ResidueResource_scan", "{\"texts\":[\"jeanne.martin@example.fr\",\"+33612345678\"]}"),
            Map.entry("WebhookResource_subscribe", """
                    {"url":"https://hooks.example.com/consent","events":["optout.recorded","consent.changed"],\
                    "includeIdentifiers":false}"""));

    private static final Map<String, String> TEXT = Map.of(
            "DecisionResource_bulk", "jeanne.martin@example.fr\npaul.durand@example.fr\n",
            "SuppressionSourceResource_snapshot",
                    "identifier,reason,date\npaul.durand@example.fr,HARD_BOUNCE,2026-11-01\n",
            "ImportResource_upload",
                    "email,country,locale,audience,customer\njeanne.martin@example.fr,FR,fr,B2C,false\n");

    /**
     * Bodies that differ by media type, keyed by operation and type: the bulk decision's NDJSON is one object per line
     * (until 2026-12-06 the document showed it bare addresses, which the server answers line by line as malformed).
     */
    private static final String IMPORT_NDJSON = """
            {"email":"jeanne.martin@example.fr","country":"FR","locale":"fr","audience":"B2C","customer":false}
            {"phone":"+33612345678","country":"FR","locale":"fr","audience":"B2C","customer":true}
            """;

    /** The same for the import's NDJSON types (until 2026-12-06 its CSV example, which they refuse as not NDJSON). */
    private static final Map<String, String> TEXT_OF_TYPE = Map.of(
            "DecisionResource_bulk application/x-ndjson",
            """
                    {"email":"jeanne.martin@example.fr"}
                    {"phone":"+33612345678"}
                    {"contactId":"%s"}
                    """.formatted(CONTACT),
            "ImportResource_upload application/x-ndjson",
            IMPORT_NDJSON,
            "ImportResource_upload application/ndjson",
            IMPORT_NDJSON);

    private Examples() {}

    /** The example of an operation's body in one media type: its own when it has one, else {@link #of(String)}. */
    static Object of(String operationId, String mediaType) {
        String own = TEXT_OF_TYPE.get(operationId + " " + mediaType);
        return own != null ? own : of(operationId);
    }

    /** The example of an operation's body as plain Java values (so the document renders it as JSON), or null. */
    static Object of(String operationId) {
        String json = JSON.get(operationId);
        if (json != null) {
            return plain(Jsons.createReader(new StringReader(json)).readValue());
        }
        return TEXT.get(operationId);
    }

    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, plain(v)));
                yield map;
            }
            case ARRAY -> ((JsonArray) value).stream().map(Examples::plain).toList();
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).numberValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    static List<String> operations() {
        return List.copyOf(JSON.keySet());
    }
}
