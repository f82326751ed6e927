package eu.consent.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.shared.Violations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource({
        "06 12 34 56 78, FR, +33612345678",
        "0612345678, FR, +33612345678",
        "+33 6 12 34 56 78, FR, +33612345678",
        "+33 6 12 34 56 78, DE, +33612345678",
        "0033612345678, FR, +33612345678",
        "01 42 68 53 00, FR, +33142685300",
        "030 123456, DE, +4930123456",
        "0470 12 34 56, BE, +32470123456"
    })
    void parsesToE164(String raw, String country, String e164) {
        Violations v = new Violations();
        assertEquals(e164, PhoneNumbers.toE164(raw, country, "phone", v));
        assertTrue(v.isEmpty());
    }

    @Test
    void aNationalNumberNeedsACountry() {
        Violations v = new Violations();
        assertNull(PhoneNumbers.toE164("06 12 34 56 78", null, "phone", v));
        assertEquals("+33612345678", PhoneNumbers.toE164("+33612345678", null, "phone", v));
    }

    @Test
    void refusesWhatIsNotAValidNumber() {
        for (String raw : new String[] {"12", "abc", "", "+33 1", "06 12 34 56 78 90 12", "+999 123456"}) {
            Violations v = new Violations();
            assertNull(PhoneNumbers.toE164(raw, "FR", "phone", v), raw);
            assertTrue(!v.isEmpty(), raw);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "'06\u202f12\u202f34\u202f56\u202f78', FR",
        "'+33\u202f6\u202f12\u202f34\u202f56\u202f78', ",
        "'+33\u20096\u200912\u200934\u200956\u200978', ",
        "'06\u200712\u200734\u200756\u200778', FR",
        "'+33\u30006 12\t34 56 78', ",
        "'tel:+33612345678', ",
        "'TEL:+33 6 12 34 56 78', "
    })
    void anySpaceBetweenDigitsReadsAsASpace(String raw, String country) {
        Violations v = new Violations();
        assertEquals("+33612345678", PhoneNumbers.toE164(raw, country, "phone", v), raw);
        assertTrue(v.isEmpty(), raw);
    }

    @ParameterizedTest
    @CsvSource({
        "06 1A BC DE FG, FR, LETTERS",
        "+33 6 12 ABC 999, , LETTERS",
        "+1 800 FLOWERS, , LETTERS",
        "01 42 68 53 00 ext 12, FR, LETTERS",
        "01 42 68 53 00 x13, FR, LETTERS",
        "'tel:+33142685300;ext=12', , LETTERS",
        "+33 1 42 68 53 00 #12, , EXTENSION"
    })
    void aNumberWithLettersOrAnExtensionIsRefusedNeverConverted(String raw, String country, String message) {
        Violations v = new Violations();
        assertNull(PhoneNumbers.toE164(raw, country, "phone", v), raw);
        String expected = message.equals("LETTERS") ? PhoneNumbers.LETTERS : PhoneNumbers.EXTENSION;
        assertEquals(java.util.List.of(new eu.consent.shared.FieldError("phone", expected)), v.errors(), raw);
    }

    @ParameterizedTest
    @CsvSource({
        "0692 12 03 94, +262692120394",
        "0262 12 34 56, +262262123456",
        "06.96.55.03.94, +596696550394",
        "'0590\u202f12\u202f34\u202f56', +590590123456",
        "0694 20 12 34, +594694201234",
        "0596 12 93 37, +596596129337",
        "'06·12·25·48·28', +33612254828",
        "'06 12 25\n48 28', +33612254828"
    })
    void anOverseasNumberInNationalFormIsReadAsTheBloctelReaderReadsIt(String raw, String e164) {
        Violations v = new Violations();
        assertEquals(e164, PhoneNumbers.toE164(raw, "FR", "phone", v), raw);
        assertTrue(v.isEmpty(), raw);
        assertEquals(e164, PhoneNumbers.toE164OrNull(e164, null), "its international form reads back: " + raw);
        assertEquals(e164, PhoneNumbers.frenchNationalToE164(PhoneNumbers.frenchNational(e164)), raw);
    }

    @Test
    void anOverseasNumberOfItsOwnRegionReadsAsBefore() {
        Violations v = new Violations();
        assertEquals("+262692120394", PhoneNumbers.toE164("0692 12 03 94", "RE", "phone", v));
        assertEquals("+262692120394", PhoneNumbers.toE164("+262 692 12 03 94", "FR", "phone", v));
        assertNull(PhoneNumbers.toE164("0692 12 03", "FR", "phone", v));
    }

    @Test
    void anEndpointWithoutACountrySaysWhyANumberWithLettersIsRefused() {
        Violations v = new Violations();
        assertNull(PhoneNumbers.toE164International("+33 6 12 ABC 999", "phone", v));
        assertEquals(PhoneNumbers.LETTERS, v.errors().get(0).message());
        Violations spaced = new Violations();
        assertEquals(
                "+33612345678",
                PhoneNumbers.toE164International("+33\u202f6\u202f12\u202f34\u202f56\u202f78", "phone", spaced));
        assertTrue(spaced.isEmpty());
    }

    @Test
    void whatIsWrittenAmissIsNamedAndEveryOtherFaultLeftToTheEndpoint() {
        assertEquals(PhoneNumbers.LETTERS, PhoneNumbers.writtenAmiss("+33 6 1A BC DE FG"));
        assertEquals(PhoneNumbers.EXTENSION, PhoneNumbers.writtenAmiss("+33 1 42 68 53 00 #12"));
        assertNull(PhoneNumbers.writtenAmiss("0612345678"));
        assertNull(PhoneNumbers.writtenAmiss("+33612345678"));
        assertNull(PhoneNumbers.writtenAmiss("12"));
    }
}
