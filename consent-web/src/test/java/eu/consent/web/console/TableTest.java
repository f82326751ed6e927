package eu.consent.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A table shows codes in words and numbers as the page's language writes them; its CSV keeps codes and points. */
class TableTest {

    private static Table table() {
        return new Table("caption", List.of("state", "source", "rate"))
                .row(List.of(new Table.Code("value", "GRANTED"), new Table.Code("source", "person:ONE_CLICK"), 1.5))
                .row(List.of(new Table.Code("value", "-"), new Table.Code("source", "list:bloctel"), 1000.0));
    }

    @SuppressWarnings("unchecked")
    private static List<String> cells(Map<String, Object> model, int row) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) model.get("rows");
        return ((List<Map<String, Object>>) rows.get(row).get("cells"))
                .stream().map(c -> (String) c.get("v")).toList();
    }

    @Test
    void thePageSpeaksItsLanguage() {
        Map<String, Object> german = table().model(new ConsoleView("de", null));
        assertEquals(List.of("erteilt", "Ein-Klick", "1,50"), cells(german, 0));
        assertEquals(List.of("–", "list:bloctel", "1000,00"), cells(german, 1));
        assertEquals(
                "1.50", cells(table().model(new ConsoleView("en", null)), 0).get(2));
    }

    @Test
    void theCsvKeepsTheCodesAndAPoint() {
        String csv = table().csv();
        assertTrue(csv.contains("GRANTED,person:ONE_CLICK,1.50\r\n"), csv);
        assertTrue(csv.contains("-,list:bloctel,1000.00\r\n"), csv);
    }
}
