package eu.consent.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.shared.Violations;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Email and phone normalization, fed by every client: total (no exception), idempotent, one spelling per identifier. */
class IdentifierPropertyTest {

    @Property
    void anyTextIsAnAddressOrAViolationNeverAnException(@ForAll @StringLength(max = 600) String raw) {
        Violations v = new Violations();
        String email = EmailAddresses.normalize(raw, "email", v);
        assertEquals(email == null, !v.isEmpty(), raw);
    }

    @Property
    void aNormalizedAddressIsItsOwnNormalForm(@ForAll("addresses") String raw) {
        String email = EmailAddresses.normalizeOrNull(raw);
        if (email != null) {
            assertEquals(email, EmailAddresses.normalizeOrNull(email));
            assertEquals(email, EmailAddresses.normalizeOrNull("  " + raw.toUpperCase(Locale.ROOT) + " "));
            assertEquals(email.strip().toLowerCase(Locale.ROOT), email);
        }
    }

    /**
     * The address checks are written by hand for speed; they accept exactly what the grammar's regular expressions
     * (kept here as the reference) accept, and normalize the same way.
     */
    @Property(tries = 5000)
    void theHandWrittenChecksAgreeWithTheGrammarsExpressions(@ForAll("addresses") String raw) {
        assertEquals(Reference.normalizeOrNull(raw), EmailAddresses.normalizeOrNull(raw), raw);
    }

    @Property(tries = 2000)
    void theyAgreeOnAnyTextToo(@ForAll @StringLength(max = 80) String raw) {
        assertEquals(Reference.normalizeOrNull(raw), EmailAddresses.normalizeOrNull(raw), raw);
    }

    /** The previous, regular-expression form of the checks. */
    private static final class Reference {
        private static final java.util.regex.Pattern LOCAL =
                java.util.regex.Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
        private static final java.util.regex.Pattern LABEL =
                java.util.regex.Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
        private static final java.util.regex.Pattern ASCII = java.util.regex.Pattern.compile("[A-Za-z0-9.-]+");

        static String normalizeOrNull(String raw) {
            if (raw == null || raw.isBlank()) {
                return null;
            }
            String trimmed = raw.strip();
            int at = trimmed.lastIndexOf('@');
            if (trimmed.length() > 508 || at < 0 || trimmed.indexOf('@') != at) {
                return null;
            }
            String local = trimmed.substring(0, at).toLowerCase(Locale.ROOT);
            if (local.isEmpty() || local.length() > 64 || !LOCAL.matcher(local).matches()) {
                return null;
            }
            String domain = trimmed.substring(at + 1);
            if (domain.isEmpty() || domain.endsWith(".")) {
                return null;
            }
            // The grammar is the reference here; the IDN conversion is the standard's own (UTS #46), shared.
            domain = ASCII.matcher(domain).matches()
                    ? domain.toLowerCase(Locale.ROOT)
                    : EmailAddresses.idnToAscii(domain);
            if (domain == null) {
                return null;
            }
            String[] labels = domain.split("\\.", -1);
            if (domain.length() > 253 || labels.length < 2 || labels[labels.length - 1].matches("[0-9]+")) {
                return null;
            }
            for (String label : labels) {
                if (!LABEL.matcher(label).matches()) {
                    return null;
                }
            }
            return local.length() + 1 + domain.length() > 254 ? null : local + "@" + domain;
        }
    }

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> local = Arbitraries.strings()
                .withChars("abcXYZ019.+_-'\"(é ")
                .ofMinLength(1)
                .ofMaxLength(70);
        Arbitrary<String> domain =
                Arbitraries.strings().withChars("abcDEF09-.é_").ofMinLength(1).ofMaxLength(70);
        return Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
    }

    @Property
    void anyTextIsANumberOrAViolationNeverAnException(
            @ForAll @StringLength(max = 100) String raw, @ForAll("countries") String country) {
        Violations v = new Violations();
        String phone = PhoneNumbers.toE164(raw, country, "phone", v);
        assertEquals(phone == null, !v.isEmpty(), raw);
    }

    @Property
    void anE164NumberIsItsOwnNormalForm(@ForAll("nationalNumbers") String raw, @ForAll("countries") String country) {
        String phone = PhoneNumbers.toE164OrNull(raw, country);
        if (phone != null) {
            // libphonenumber accepts some German numbers past E.164's 15 digits (+4961000000000000): digits only here.
            assertTrue(phone.matches("\\+[1-9][0-9]{6,16}"), phone);
            assertEquals(phone, PhoneNumbers.toE164OrNull(phone, null), "read back without a country");
            assertEquals(phone, PhoneNumbers.toE164OrNull(phone, "US"), "a + number ignores the country");
        }
    }

    @Provide
    Arbitrary<String> countries() {
        return Arbitraries.of("FR", "DE", "IT", "GB", "US", "BE", null);
    }

    @Provide
    Arbitrary<String> nationalNumbers() {
        return Arbitraries.strings()
                .withChars("0123456789 +-.()")
                .ofMinLength(6)
                .ofMaxLength(20)
                .map(s -> s.startsWith("0") ? s : "06" + s);
    }
}
