package eu.consent.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A type's weight is its most specific range's; 0 refuses it, and an endpoint left with no type is a 406. */
class AcceptWeightsTest {

    private static final List<String> JSON = List.of("application/json");

    @Test
    void aTypeWeighedZeroIsNotAcceptable() {
        assertNull(AcceptWeights.acceptable("application/json;q=0", JSON));
        assertNull(AcceptWeights.acceptable("text/html;q=0.9, */*;q=0", JSON));
        assertNull(AcceptWeights.acceptable("application/json;q=0, */*", JSON), "the specific range wins");
        assertNull(AcceptWeights.acceptable("application/*;q=0.0, */*;q=1", JSON));
    }

    @Test
    void aMoreSpecificRangeAcceptsWhatAWildcardRefuses() {
        assertEquals("application/json", AcceptWeights.acceptable("*/*;q=0, application/json", JSON));
        assertEquals("application/json;q=0.5", AcceptWeights.acceptable("*/*;q=0, application/*;q=0.5", JSON));
    }

    @Test
    void onlyTheTypesStillAcceptableAreLeftForJaxRsToChooseFrom() {
        List<String> export = List.of("text/csv", "application/x-ndjson");
        assertEquals("application/x-ndjson", AcceptWeights.acceptable("text/csv;q=0, */*", export));
        assertNull(AcceptWeights.acceptable("text/csv;q=0, application/x-ndjson;q=0", export));
    }

    @Test
    void anEndpointAnsweringAnyTypeKeepsTheAcceptAsItCame() {
        String accept = "text/html;q=0, */*;q=0.5";
        assertSame(accept, AcceptWeights.acceptable(accept, List.of("text/html", "*/*")));
        assertNull(AcceptWeights.acceptable("*/*;q=0", List.of("*/*")));
    }

    /** Tester BK's F17: the export's two types are chosen by the weights, never outside the ranges. */
    @Test
    void theTypeWeighedHighestIsPreferredAndTiesGoToTheFirst() {
        java.util.List<String> types = java.util.List.of("text/csv", "application/x-ndjson");
        assertEquals("text/csv", AcceptWeights.preferred("text/csv, application/x-ndjson;q=0.5", types));
        assertEquals("text/csv", AcceptWeights.preferred("application/x-ndjson;q=0.1, text/csv;q=0.9", types));
        assertEquals("application/x-ndjson", AcceptWeights.preferred("application/*", types));
        assertEquals("application/x-ndjson", AcceptWeights.preferred("application/*, text/csv;q=0.1", types));
        assertEquals("application/x-ndjson", AcceptWeights.preferred("application/x-ndjson", types));
        assertEquals("text/csv", AcceptWeights.preferred("*/*", types));
        assertEquals("text/csv", AcceptWeights.preferred(null, types));
        assertEquals(null, AcceptWeights.preferred("application/json", types));
    }
}
