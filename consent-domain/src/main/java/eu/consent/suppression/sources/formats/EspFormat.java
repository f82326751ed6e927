package eu.consent.suppression.sources.formats;

import eu.consent.shared.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The file formats of {@code ?format=} on snapshots and outbound files, by their names in the API. */
public enum EspFormat {
    GENERIC("generic"),
    SES("ses"),
    MAILGUN_UNSUBSCRIBES("mailgun-unsubscribes"),
    MAILGUN_BOUNCES("mailgun-bounces"),
    SENDGRID("sendgrid"),
    POSTMARK("postmark"),
    BREVO("brevo"),
    MAILCHIMP("mailchimp"),
    BLOCTEL("bloctel");

    private final String apiName;

    EspFormat(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Whether a snapshot in this format lists email addresses: every provider's but the do-not-call registry's. */
    public boolean listsEmails() {
        return this != BLOCTEL;
    }

    /** Whether a snapshot in this format lists phone numbers: ours and the do-not-call registry's. */
    public boolean listsPhones() {
        return this == GENERIC || this == BLOCTEL;
    }

    /** What a snapshot's line is told when its identifier is not one this format lists. */
    public String identifierRule() {
        return switch (this) {
            case GENERIC -> "not an email or an international (+) phone number";
            case BLOCTEL -> "not a phone number, national (06 12 34 56 78) or international (+33612345678)";
            default -> "not an email address";
        };
    }

    /** The format named by {@code ?format=}; absent means generic, an unknown name is a 422. */
    public static EspFormat of(String name) {
        if (name == null || name.isBlank()) {
            return GENERIC;
        }
        return Arrays.stream(values())
                .filter(f -> f.apiName.equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "format",
                        "must be one of "
                                + Arrays.stream(values())
                                        .map(EspFormat::apiName)
                                        .collect(Collectors.joining(" "))));
    }
}
