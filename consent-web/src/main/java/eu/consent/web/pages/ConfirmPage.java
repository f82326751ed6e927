package eu.consent.web.pages;

import eu.consent.consent.ConfirmationLinks;
import eu.consent.consent.ConsentLedger;
import eu.consent.consent.Proof;
import eu.consent.mail.ConfirmationTexts;
import eu.consent.shared.ConflictException;
import eu.consent.shared.NotFoundException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /confirm/{token}}: the double opt-in page. The GET shows a button and changes nothing; the POST confirms. */
@Path("confirm/{token}")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Recipients' pages")
public class ConfirmPage {

    @Inject
    ConfirmationLinks links;

    @Inject
    ConsentLedger ledger;

    @Context
    HttpServletRequest http;

    @Context
    HttpHeaders headers;

    @GET
    @Operation(summary = "Show what will be confirmed, with a confirm button (changes nothing)")
    public Response show(@PathParam("token") String token, @QueryParam("lang") String lang) {
        return answer(token, lang, false);
    }

    @POST
    @Operation(summary = "Confirm the double opt-in: records a CONFIRM event with the confirming IP and user agent")
    public Response confirm(@PathParam("token") String token, @QueryParam("lang") String lang) {
        return answer(token, lang, true);
    }

    private Response answer(String token, String lang, boolean confirm) {
        List<Locale> browser = headers.getAcceptableLanguages();
        Optional<ConfirmationLinks.Target> target = links.read(token);
        if (target.isEmpty()) {
            return unknown(lang, browser);
        }
        ConsentLedger.Pending pending;
        try {
            pending = ledger.pending(target.get().grantEventId());
        } catch (NotFoundException e) {
            return unknown(lang, browser);
        }
        Html html = new Html(Html.language(
                lang, pending.contact() == null ? null : pending.contact().locale(), browser));
        String purpose = ConfirmationTexts.purposeName(pending.purpose(), html.locale());
        if (!pending.waiting()) {
            return html.page(
                    409, html.text("confirm.done.title"), "<p>" + html.text("confirm.done.body", purpose) + "</p>");
        }
        if (target.get().expired()) {
            return html.page(
                    410, html.text("confirm.expired.title"), "<p>" + html.text("confirm.expired.body") + "</p>");
        }
        if (!confirm) {
            return html.page(
                    200,
                    html.text("confirm.title"),
                    "<p>" + html.text("confirm.body", purpose)
                            + "</p>\n<form method=\"post\">\n<button type=\"submit\">" + html.text("confirm.button")
                            + "</button>\n</form>");
        }
        try {
            ledger.confirm(
                    target.get().grantEventId(),
                    new Proof(http.getRemoteAddr(), http.getHeader("User-Agent"), null, null, null));
        } catch (ConflictException e) {
            return html.page(
                    409, html.text("confirm.done.title"), "<p>" + html.text("confirm.done.body", purpose) + "</p>");
        }
        return html.page(
                200, html.text("confirm.thanks.title"), "<p>" + html.text("confirm.thanks.body", purpose) + "</p>");
    }

    private static Response unknown(String lang, List<Locale> browser) {
        Html html = new Html(Html.language(lang, null, browser));
        return html.page(404, html.text("unknown.title"), "<p>" + html.text("unknown.body") + "</p>");
    }
}
