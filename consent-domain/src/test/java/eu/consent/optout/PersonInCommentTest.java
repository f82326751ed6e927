package eu.consent.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonInCommentTest {

    @Test
    void namesCrmIdAndAddressAreTheValuesLongestFirstAndShortOnesAreLeftOut() {
        assertEquals(
                List.of(
                        "12 rue des Lilas",
                        "rue des Lilas",
                        "Jane Marie",
                        "crm-4711",
                        "Quixote",
                        "Bât. B",
                        "75 011",
                        "75011",
                        "Lyon"),
                PersonInComment.valuesOf(
                        "{\"firstName\":\"Jane Marie\",\"lastName\":\"Quixote\",\"initial\":\"Q\",\"tier\":\"FR\","
                                + "\"score\":42,\"vip\":true,\"aliases\":[\"Quixote\",{\"nick\":\"Al\"}]}",
                        "crm-4711",
                        "12 rue des Lilas\nBât. B",
                        "75011",
                        "Lyon"));
        assertEquals(List.of(), PersonInComment.valuesOf(null, null, null, null, null));
        assertEquals(List.of("crm-1"), PersonInComment.valuesOf("not json", "crm-1", null, null, " "));
    }

    /** The erased person's address written out or escaped, their street without its number (tester BE's F1). */
    @Test
    void anAddressWrittenOutOrEscapedAndAStreetWithoutItsNumberAreCut() {
        List<String> values = PersonInComment.union(
                List.of("be2-32@example.org"),
                PersonInComment.valuesOf(null, null, "9 avenue Troplong", "69003", "Lyon"));
        String comment = "be2-32 (at) example (dot) org | be2-32 [at] example [dot] org | be2-32 at example dot org"
                + " | be2-32%40example.org | be2-32&#64;example.org | be2-32@ex\u00adample.org | Avenue Troplong"
                + " | 69 003 | Atkins";
        assertEquals(
                "[erased] | [erased] | [erased] | [erased] | [erased] | [erased] | [erased] | [erased] | Atkins",
                PersonInComment.cut(comment, values, "[erased]"));
        assertEquals(
                "write to [erased]",
                PersonInComment.cut(
                        "write to rue des lilas",
                        PersonInComment.valuesOf(null, null, "12 BIS RUE DES LILAS", null, null),
                        "[erased]"));
    }

    @Test
    void aValueNeedsThreeLettersOrDigitsToNameSomeone() {
        assertTrue(PersonInComment.identifies("Eva"));
        assertTrue(PersonInComment.identifies("750"));
        assertFalse(PersonInComment.identifies("Al"));
        assertFalse(PersonInComment.identifies("F.R."));
        assertFalse(PersonInComment.identifies(" - "));
    }

    @Test
    void aValueIsCutAsAWholeWordInAnyCaseAndSpacing() {
        List<String> values = PersonInComment.valuesOf(
                "{\"firstName\":\"Ann\",\"lastName\":\"Le Gall\"}", "crm-4711", "12 rue des Lilas", null, null);
        assertEquals(
                "I am [x] [x] ([x]), [x]; Annoying mails, crm-47110 is not me",
                PersonInComment.cut(
                        "I am ANN le  gall (crm-4711), 12 RUE des lilas; Annoying mails, crm-47110 is not me",
                        values,
                        "[x]"));
        assertEquals(null, PersonInComment.cut(null, values, "[x]"));
    }

    @Test
    void aLongNumberNamesThePersonAsItsStringWouldAShortOneNoOne() {
        List<String> values =
                PersonInComment.valuesOf("{\"memberNo\":98765432,\"score\":750,\"age\":42}", null, null, null, null);
        assertEquals(List.of("98765432"), values);
        assertEquals("member [x], score 750", PersonInComment.cut("member 98765432, score 750", values, "[x]"));
    }

    @Test
    void aValueIsCutWithOrWithoutItsAccentsAndWhateverPunctuationStandsBetweenItsWords() {
        List<String> values = PersonInComment.valuesOf(
                "{\"firstName\":\"Jean-Pierre\",\"lastName\":\"Lévêque\"}", null, "12, rue des Lilas", null, null);
        assertEquals(
                "Je suis [x] [x], [x]; [x] aussi. Jean-Pierrette reste, Lévêques aussi.",
                PersonInComment.cut(
                        "Je suis Jean Pierre LEVEQUE, 12 rue des  lilas; Le\u0301ve\u0302que aussi. Jean-Pierrette reste,"
                                + " Lévêques aussi.",
                        values,
                        "[x]"));
    }
}
