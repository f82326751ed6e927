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
}
