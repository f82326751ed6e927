package eu.consent.web.pages;

import eu.consent.consent.ConsentEvent;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.mail.ConfirmationTexts;
import eu.consent.optout.UnsubscribeLinks;
import eu.consent.purpose.PurposeService;
import eu.consent.receipt.ReceiptLinks;
import eu.consent.receipt.Receipts;
import eu.consent.shared.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /preferences/{token}/receipts}: every choice the person made themselves (the person-facing sources), newest
 * first, each with its signed receipt to download. Reached from the preference centre; changes nothing.
 */
@Path("preferences/{token}/receipts")
@RequestScoped
@Tag(name = "Recipients' pages")
public class ReceiptList {

    @Inject
    ReceiptLinks receiptLinks;

    @Inject
    Receipts receipts;

    @Inject
    UnsubscribeLinks links;

    @Inject
    ContactService contacts;

    @Inject
    PurposeService purposes;

    @Inject
    Branding brand;

    @Inject
    RequestView here;

    @Inject
    FormGuard guard;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The person's own choices, each with its signed receipt to download (changes nothing)")
    @APIResponse(responseCode = "200", description = "the list, newest first")
    @APIResponse(responseCode = "404", description = Pages.UNKNOWN)
    @APIResponse(responseCode = "410", description = Pages.EXPIRED)
    public Response list(@PathParam("token") String token, @QueryParam("lang") String lang) {
        Optional<UnsubscribeLinks.PreferenceTarget> target = links.readPreferences(token);
        if (target.isPresent() && target.get().expired()) {
            // The preference centre's own answer to its old link, checked before anything is looked up: 410, naming
            // nobody, with the form that mails a fresh link (posted where the centre's own expired page posts it).
            String centre = here.path().replaceAll("/receipts$", "");
            return Pages.expired(new Html(Html.language(lang, null, here.acceptableLanguages()), brand, centre), guard);
        }
        Optional<Contact> contact = target.flatMap(t -> contact(t.contactId()));
        if (contact.isEmpty()) {
            return Pages.unknown(html(lang, null));
        }
        Html html = html(lang, contact.get().locale());
        DateTimeFormatter dates =
                DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(html.dateLocale());
        DateTimeFormatter times = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConsentEvent e : receipts.personsOwn(contact.get().id())) {
            Map<String, Object> row = new HashMap<>();
            // With the time, so that two choices of one day differ (tester AT's F6).
            ZonedDateTime at = e.occurredAt().atZone(ZoneOffset.UTC);
            String date = html.text("receipts.when", dates.format(at), times.format(at));
            String what = html.markup(
                    "action." + e.action().name(),
                    purposeName(e.purposeKey(), html),
                    html.text("channel." + e.channel().name()));
            row.put("date", date);
            row.put("what", what);
            // Each link named by its row, not "Download" nine times over (WCAG 2.4.4, tester AT's F6).
            row.put("file", html.markup("receipts.file.of", date, new Html.Markup(what)));
            row.put("href", receiptLinks.urlFor(e.id()));
            rows.add(row);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("receipts", rows);
        model.put("hasReceipts", !rows.isEmpty());
        String preferences = here.path().replaceAll("/receipts$", "");
        model.put("preferencesUrl", html.withLanguage(preferences));
        return html.page(200, html.text("receipts.title"), "receipts", model);
    }

    private Optional<Contact> contact(UUID id) {
        try {
            return Optional.of(contacts.get(id));
        } catch (DomainException e) {
            return Optional.empty();
        }
    }

    /** The purpose's name, marked with its language where it is not the page's (a purpose removed since: its key). */
    private ConfirmationTexts.Name purposeName(String key, Html html) {
        try {
            return ConfirmationTexts.name(purposes.get(key), html.locale());
        } catch (DomainException e) {
            return new ConfirmationTexts.Name(key, null);
        }
    }

    private Html html(String lang, String contactLocale) {
        return new Html(Html.language(lang, contactLocale, here.acceptableLanguages()), brand, here.path());
    }
}
