package eu.consent.web.pages;

import eu.consent.consent.ConfirmationLinks;
import eu.consent.consent.ConsentLedger;
import eu.consent.consent.Recorded;
import eu.consent.mail.ConfirmationTexts;
import eu.consent.optout.UnsubscribeLinks;
import eu.consent.receipt.ReceiptLinks;
import eu.consent.shared.ConflictException;
import eu.consent.shared.NotFoundException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /confirm/{token}}: the double opt-in page. The GET shows a button and changes nothing; the POST of that
 * button's form (with its form token) confirms.
 */
@Path("confirm/{token}")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Recipients' pages")
public class ConfirmPage {

    private static final String ALREADY =
            "nothing left to confirm (confirmed already, no longer pending, overtaken by a"
                    + " later opt-out, or mailed to an address the person no longer holds): said on a page, nothing changed";
    private static final String EXPIRED = "the link is past its lifetime: nothing confirmed";

    @Inject
    ConfirmationLinks links;

    @Inject
    ConsentLedger ledger;

    @Inject
    UnsubscribeLinks optOutLinks;

    @Inject
    ReceiptLinks receipts;

    @Inject
    Branding brand;

    @Inject
    FormGuard guard;

    @Inject
    HttpServletRequest http;

    @Inject
    RequestView here;

    @GET
    @Operation(summary = "Show what will be confirmed, with a confirm button (changes nothing)")
    @APIResponse(responseCode = "200", description = "the page, with its confirm button")
    @APIResponse(responseCode = "404", description = Pages.UNKNOWN)
    @APIResponse(responseCode = "409", description = ALREADY)
    @APIResponse(responseCode = "410", description = EXPIRED)
    public Response show(@PathParam("token") String token, @QueryParam("lang") String lang) {
        return answer(token, lang, null);
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.WILDCARD})
    @Operation(summary = "Confirm the double opt-in: records a CONFIRM event with the confirming IP and user agent")
    @APIResponse(responseCode = "200", description = "confirmed, with a link to download the signed receipt")
    @APIResponse(responseCode = "403", description = Pages.REFUSED)
    @APIResponse(responseCode = "404", description = Pages.UNKNOWN)
    @APIResponse(responseCode = "409", description = ALREADY)
    @APIResponse(responseCode = "410", description = EXPIRED)
    @APIResponse(responseCode = "415", description = FormBody.NOT_A_FORM)
    public Response confirm(@PathParam("token") String token, @QueryParam("lang") String lang, InputStream body) {
        return answer(token, lang, FormBody.readForm(here.contentType(), body));
    }

    /** Shows the page, or, given the posted form, confirms (a form from elsewhere is refused, changing nothing). */
    private Response answer(String token, String lang, MultivaluedMap<String, String> posted) {
        boolean confirm = posted != null;
        Optional<ConfirmationLinks.Target> target = links.read(token);
        if (target.isEmpty()) {
            return Pages.unknown(html(lang, null));
        }
        ConsentLedger.Pending pending;
        try {
            pending = ledger.pending(target.get().grantEventId());
        } catch (NotFoundException e) {
            return Pages.unknown(html(lang, null));
        }
        Html html =
                html(lang, pending.contact() == null ? null : pending.contact().locale());
        String purpose = ConfirmationTexts.purposeName(pending.purpose(), html.locale());
        // The channel the click confirms, as the mail names it (tester AQ's F5).
        String by = html.text("confirm.by." + pending.grant().channel().name());
        if (pending.sentElsewhere()) {
            return html.message(409, "confirm.done.title", html.text("confirm.moved.body", purpose), null, null);
        }
        if (pending.lapsed() && !pending.sentElsewhere()) {
            // Dropped unanswered by the nightly expiry: an expired link, not one "already confirmed, or withdrawn
            // since" (tester AQ's F4, until 2026-12-07).
            return html.message(410, "confirm.expired.title", html.text("confirm.expired.body"), null, null);
        }
        if (!pending.waiting()) {
            return nothingToConfirm(html, pending, purpose, by, target.get().expired());
        }
        if (pending.purpose().isRetired()) {
            // The offer ended while the mail waited: nothing is offered, nothing recorded (until 2026-12-07 the page
            // confirmed it and said so, tester AQ's F3).
            return html.message(409, "confirm.done.title", html.text("confirm.retired.body", purpose), null, null);
        }
        if (target.get().expired()) {
            return html.message(410, "confirm.expired.title", html.text("confirm.expired.body"), null, null);
        }
        // Only the POST confirms (a scanner fetching the mailed link with GET sees the button and changes nothing); one
        // from another site, or with a form token not this page's, is refused.
        if (confirm && guard.refuses(http, posted.getFirst("form"), path())) {
            return Pages.refused(html, here.path());
        }
        if (!confirm) {
            return html.page(
                    200,
                    html.text("confirm.title"),
                    "confirm",
                    Map.of("body", html.text("confirm.body", purpose, by), "form", guard.issue(path())));
        }
        Recorded confirmed;
        try {
            // A click that lost a deadlock to another change of the same person is made again here: the person may
            // not click twice (tester BG's F4: until 2026-12-07 it answered 503 and the confirmation was lost).
            confirmed = eu.consent.shared.SqlStates.retryingDeadlocks(
                    3, () -> ledger.confirm(target.get().grantEventId(), Visitor.proof(http)));
        } catch (ConflictException e) {
            try {
                return nothingToConfirm(
                        html,
                        ledger.pending(target.get().grantEventId()),
                        purpose,
                        by,
                        target.get().expired());
            } catch (NotFoundException gone) {
                return Pages.unknown(html);
            }
        }
        return html.message(
                200,
                "confirm.thanks.title",
                html.text("confirm.thanks.body", purpose, by),
                receipts.urlFor(confirmed.event().id()),
                html.text("receipt.download"));
    }

    /**
     * A link with nothing left to confirm says which of the two holds, with the way to the person's preferences: their
     * subscription stands (the button pressed twice, the mail opened again on another device, the thank-you page
     * reloaded or read in another language), or they opted out since. Until 2026-12-07 it said "already confirmed, or
     * withdrawn since" — both outcomes at once — and offered no way on (tester AT's F7). Nothing changes: a 409 still.
     * A link past its lifetime, or mailed to an address the contact has given up since, says neither and leads nowhere:
     * it is no credential to what the person chose now, nor to a fresh link to their preferences (review 42).
     */
    private Response nothingToConfirm(
            Html html, ConsentLedger.Pending pending, String purpose, String by, boolean expired) {
        if (pending.sentElsewhere()) {
            return html.message(409, "confirm.done.title", html.text("confirm.moved.body", purpose), null, null);
        }
        if (expired) {
            return html.message(409, "confirm.done.title", html.text("confirm.done.body", purpose, by), null, null);
        }
        String key = pending.confirmedAlready()
                ? "confirm.already.body"
                : pending.withdrawnSince() ? "confirm.withdrawn.body" : "confirm.done.body";
        String preferences = pending.contact() == null
                ? null
                : html.withLanguage(
                        optOutLinks.preferencesUrlFor(pending.contact().id()));
        return html.message(
                409,
                pending.confirmedAlready() ? "confirm.already.title" : "confirm.done.title",
                html.text(key, purpose, by),
                preferences,
                preferences == null ? null : html.text("confirm.preferences"));
    }

    private String path() {
        return here.path();
    }

    private Html html(String lang, String contactLocale) {
        return new Html(Html.language(lang, contactLocale, here.acceptableLanguages()), brand, path());
    }
}
