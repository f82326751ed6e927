package eu.consent.web.optout;

import eu.consent.contact.ContactDetails;
import eu.consent.contact.EmailAddresses;
import eu.consent.contact.PhoneNumbers;
import eu.consent.contact.PostalAddress;
import eu.consent.contact.PostalAddresses;
import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.purpose.PurposeKey;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.Violations;
import eu.consent.suppression.AddSuppression;
import eu.consent.suppression.SuppressionReason;
import eu.consent.suppression.SuppressionService;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A suppression as a client adds it (the {@code SuppressionInput} of the API): one identifier (email, phone in
 * international form, or postal address), channel, purpose, reason, source. Its answer lists the errors in the order of
 * its rules, not of the body (the identifier count first, the identifier's form after the enums), so these checks are
 * written out here rather than declared for Bean Validation, which would order them by field.
 */
public record SuppressionRequest(
        String email,
        String phone,
        PostalAddress postalAddress,
        String channel,
        String purpose,
        String reason,
        String source) {

    /** How the channel error names each kind of identifier. */
    private static final Map<IdentifierKind, String> NOUNS = Map.of(
            IdentifierKind.EMAIL, "an email address",
            IdentifierKind.PHONE, "a phone number",
            IdentifierKind.POSTAL, "a postal address");

    /** The command, or every error at once; whether the purpose exists, the domain says. */
    public AddSuppression toCommand(Predicate<String> purposeExists, String defaultSource) {
        Violations v = new Violations();
        int identifiers = (email == null ? 0 : 1) + (phone == null ? 0 : 1) + (postalAddress == null ? 0 : 1);
        if (identifiers != 1) {
            v.add("email", "give exactly one of email, phone or postalAddress");
        }
        Channel on = v.enumValue("channel", v.require("channel", channel), Channel.class);
        SuppressionReason why = v.enumValue("reason", v.require("reason", reason), SuppressionReason.class);
        if (why == SuppressionReason.ERASED) {
            v.add("reason", SuppressionService.ERASED_REFUSED);
        }
        IdentifierKind kind = kind();
        String identifier = kind == null ? null : identifier(kind, v);
        if (kind != null && on != null && !on.reachedBy(kind)) {
            v.add("channel", NOUNS.get(kind) + " is suppressed on " + Channel.reachedThrough(kind));
        }
        if (purpose != null && !purposeExists.test(purpose)) {
            v.add("purpose", PurposeService.UNKNOWN_PURPOSE);
        }
        SuppressionService.source(source, defaultSource, v);
        v.throwIfAny();
        return new AddSuppression(kind, identifier, on, purpose == null ? null : new PurposeKey(purpose), why, source);
    }

    /**
     * The identifier of a look-up ({@code POST /api/v1/suppressions/lookup}): exactly one of email, phone or postal
     * address, normalized as an entry's is, so that its keyed hash is the one the entries are kept under; nothing else
     * may be given.
     */
    public String lookedUp() {
        Violations v = new Violations();
        int identifiers = (email == null ? 0 : 1) + (phone == null ? 0 : 1) + (postalAddress == null ? 0 : 1);
        if (identifiers != 1) {
            v.add("email", "give exactly one of email, phone or postalAddress");
        }
        for (String[] other :
                new String[][] {{"channel", channel}, {"purpose", purpose}, {"reason", reason}, {"source", source}}) {
            if (other[1] != null) {
                v.add(other[0], "is not part of a look-up: give the identifier only");
            }
        }
        IdentifierKind kind = kind();
        String identifier = kind == null || identifiers != 1 ? null : identifier(kind, v);
        v.throwIfAny();
        return identifier;
    }

    /** The identifier's kind: the first one given (email, phone, postal address), as the rules read it. */
    private IdentifierKind kind() {
        if (email != null) {
            return IdentifierKind.EMAIL;
        }
        if (phone != null) {
            return IdentifierKind.PHONE;
        }
        return postalAddress == null ? null : IdentifierKind.POSTAL;
    }

    private String identifier(IdentifierKind kind, Violations v) {
        return switch (kind) {
            case EMAIL -> EmailAddresses.normalize(email, "email", v);
            case PHONE -> PhoneNumbers.toE164International(phone, "phone", v);
            case POSTAL -> PostalAddresses.normalize(ContactDetails.postal(postalAddress, v));
        };
    }
}
