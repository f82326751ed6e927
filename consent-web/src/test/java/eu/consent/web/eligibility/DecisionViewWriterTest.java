package eu.consent.web.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.consent.LegalBasis;
import eu.consent.eligibility.Decision;
import eu.consent.eligibility.Rule;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every answer a decision can give, written by hand, reads back as the decision with all three members. */
class DecisionViewWriterTest {

    @Test
    void everyRuleWithEveryBasisAndNoneReadsBackAsTheDecision() throws Exception {
        List<LegalBasis> bases = new ArrayList<>(List.of(LegalBasis.values()));
        bases.add(null);
        DecisionViewWriter writer = new DecisionViewWriter();
        for (Rule rule : Rule.values()) {
            for (LegalBasis basis : bases) {
                for (boolean allowed : new boolean[] {true, false}) {
                    DecisionView view = DecisionView.of(new Decision(allowed, rule, basis));
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    writer.writeTo(view, DecisionView.class, DecisionView.class, null, null, null, out);
                    String text = out.toString(StandardCharsets.UTF_8);
                    JsonObject read = Json.createReader(new StringReader(text)).readObject();
                    assertEquals(3, read.size(), text);
                    assertEquals(allowed, read.getBoolean("allowed"), text);
                    assertEquals(rule.name(), read.getString("rule"), text);
                    if (basis == null) {
                        assertEquals(JsonValue.NULL, read.get("basis"), "an explicit null, as JSON-B writes it");
                    } else {
                        assertEquals(basis.name(), read.getString("basis"), text);
                    }
                }
            }
        }
        assertTrue(
                DecisionViewWriter.json(new DecisionView(true, "R", null)).startsWith("{\"allowed\":true,\"basis\""));
    }

    @Test
    void writesDecisionViewsOnly() {
        DecisionViewWriter writer = new DecisionViewWriter();
        assertTrue(writer.isWriteable(DecisionView.class, DecisionView.class, null, null));
        assertEquals(false, writer.isWriteable(Object.class, Object.class, null, null));
    }
}
