package eu.consent.suppression.sources.formats;

import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.suppression.SuppressionReason;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes our opt-outs as the file each provider's own import takes, so that the list's owner loads it as it is. Each
 * provider knows fewer reasons than we do; the mapping keeps what matters: the address is never mailed again.
 */
public final class OutboundFormats {

    /** One opt-out to send back: the address (or number), our reason, and when it was made. */
    public record Row(String identifier, SuppressionReason reason, Instant at) {}

    private OutboundFormats() {}

    /**
     * What a format's file lists: Bloctel's numbers, a provider's addresses, and ours ({@code generic}) both, as its
     * snapshot takes both (an SMS platform's list): until 2026-12-06 it listed addresses only, and a person's SMS
     * opt-outs never reached such a list.
     */
    public static List<IdentifierKind> kinds(EspFormat format) {
        return switch (format) {
            case BLOCTEL -> List.of(IdentifierKind.PHONE);
            case GENERIC -> List.of(IdentifierKind.EMAIL, IdentifierKind.PHONE);
            default -> List.of(IdentifierKind.EMAIL);
        };
    }

    public static String mediaType(EspFormat format) {
        return format == EspFormat.BLOCTEL ? "text/plain; charset=UTF-8" : "text/csv; charset=UTF-8";
    }

    public static void header(EspFormat format, Writer w) throws IOException {
        String header =
                switch (format) {
                    case GENERIC -> "identifier,reason,date"; // the generic snapshot's own header (API.md)
                    case MAILGUN_UNSUBSCRIBES -> "address,tags,created_at";
                    case MAILGUN_BOUNCES -> "address,code,error,created_at";
                    case SENDGRID -> "email,created";
                    case POSTMARK -> "EmailAddress,SuppressionReason,Origin,CreatedAt";
                    case BREVO -> "EMAIL";
                    case MAILCHIMP -> "Email Address";
                    case SES, BLOCTEL -> null; // their imports take bare lines
                };
        if (header != null) {
            w.write(header + "\r\n");
        }
    }

    /**
     * One row. {@code identifierCell} escapes the address for a generic file (read in spreadsheets); provider files
     * carry it as it is, since their import must find the exact address.
     */
    public static void row(EspFormat format, Row row, Writer w, UnaryOperator<String> identifierCell)
            throws IOException {
        String id = format == EspFormat.GENERIC ? identifierCell.apply(row.identifier()) : quote(row.identifier());
        String line =
                switch (format) {
                    case GENERIC -> id + "," + row.reason() + "," + row.at();
                    // SES knows BOUNCE and COMPLAINT only; an address suppressed for COMPLAINT is never mailed again.
                    case SES -> id + "," + (row.reason() == SuppressionReason.HARD_BOUNCE ? "BOUNCE" : "COMPLAINT");
                    // The tag * unsubscribes from all mail of the domain.
                    case MAILGUN_UNSUBSCRIBES -> id + ",*," + rfc2822(row.at());
                    case MAILGUN_BOUNCES -> id + ",550," + quote(bounceText(row.reason())) + "," + rfc2822(row.at());
                    case SENDGRID -> id + "," + row.at().getEpochSecond();
                    // Postmark's import creates ManualSuppression entries whatever the cause, from the customer.
                    case POSTMARK -> id + ",ManualSuppression,Customer," + row.at();
                    case BREVO, MAILCHIMP -> id;
                    case BLOCTEL -> Bloctel.write(row.identifier());
                };
        w.write(line + "\r\n");
    }

    private static String bounceText(SuppressionReason reason) {
        return switch (reason) {
            case HARD_BOUNCE -> "hard bounce recorded by the consent service";
            case COMPLAINT -> "complaint recorded by the consent service";
            default -> "unsubscribed: recorded by the consent service";
        };
    }

    /**
     * Whether a format's file carries our opt-outs of that reason. Mailgun's bounce list is for bounces: an unsubscribe
     * or a complaint written there came back in the next {@code mailgun-bounces} snapshot as a hard bounce, which
     * blocks service mail and which the person's own new opt-in cannot lift (AD-F3, until 2026-12-06); they go in
     * {@code mailgun-unsubscribes}. The other way round, the lists of unsubscribes ({@code mailgun-unsubscribes},
     * {@code sendgrid}'s global unsubscribes, {@code postmark}'s manual suppressions, {@code brevo}'s blocklist,
     * {@code mailchimp}'s unsubscribed) read back as UNSUBSCRIBED: a hard bounce written there came back as an
     * unsubscribe the person never made (AG-F2, until 2026-12-06); they carry our unsubscribes and complaints. The
     * generic and SES files carry every reason ({@code OUTBOUND}), each as itself.
     */
    public static boolean carries(EspFormat format, SuppressionReason reason) {
        return switch (format) {
            case MAILGUN_BOUNCES -> reason == SuppressionReason.HARD_BOUNCE;
            case MAILGUN_UNSUBSCRIBES, SENDGRID, POSTMARK, BREVO, MAILCHIMP -> reason != SuppressionReason.HARD_BOUNCE;
            default -> true;
        };
    }

    /**
     * Whether a format's file carries our opt-outs on that channel. Bloctel's file is a dialler's "do not call" list:
     * only opt-outs from calls (PHONE), which are what our decisions weigh for a call; until 2026-12-07 it held numbers
     * that opted out of SMS alone, people who never told us not to call (tester AW's F4). The other files take every
     * channel of the identifiers they list ({@link #kinds}).
     */
    public static boolean carries(EspFormat format, Channel channel) {
        return format != EspFormat.BLOCTEL || channel == Channel.PHONE;
    }

    /**
     * The reason of one of our own lines read back from a Mailgun bounce list ({@link #bounceText}): a bounce file
     * loaded before 2026-12-06 may still hold our unsubscribes and complaints, which stay what they were.
     */
    static java.util.Optional<SuppressionReason> reasonOfOurBounceText(String error) {
        for (SuppressionReason reason : List.of(SuppressionReason.COMPLAINT, SuppressionReason.UNSUBSCRIBED)) {
            if (bounceText(reason).equals(error == null ? null : error.strip())) {
                return java.util.Optional.of(reason);
            }
        }
        return java.util.Optional.empty();
    }

    private static String rfc2822(Instant at) {
        return quote(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(at.atOffset(java.time.ZoneOffset.UTC))
                .replace(" GMT", " UTC"));
    }

    private static String quote(String value) {
        return CsvCells.cell(value, ',');
    }
}
