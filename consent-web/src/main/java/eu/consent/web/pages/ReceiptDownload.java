package eu.consent.web.pages;

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
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /receipts/{token}}: the person downloads one signed receipt (the link of the confirmation page, the
 * confirmation mail and the receipts list). The token names the event; a bad one gets the 404 page.
 */
@Path("receipts/{token}")
@RequestScoped
@Tag(name = "Recipients' pages")
public class ReceiptDownload {

    @Inject
    ReceiptLinks receiptLinks;

    @Inject
    Receipts receipts;

    @Inject
    Branding brand;

    @Inject
    RequestView here;

    @GET
    @Produces({Receipts.MEDIA_TYPE, MediaType.TEXT_HTML})
    @Operation(summary = "Download one's signed consent receipt (a compact JWS); a bad token → 404 page")
    @APIResponse(
            responseCode = "200",
            description = "the receipt as a file (Content-Disposition: attachment)",
            content = @Content(mediaType = Receipts.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = Pages.UNKNOWN)
    public Response download(@PathParam("token") String token, @QueryParam("lang") String lang) {
        Optional<UUID> event = receiptLinks.read(token);
        String jws;
        try {
            jws = event.map(receipts::signed).orElse(null);
        } catch (DomainException e) {
            jws = null;
        }
        if (jws == null) {
            return Pages.unknown(html(lang));
        }
        return Response.ok(jws, Receipts.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"consent-receipt-" + event.get() + ".jws\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private Html html(String lang) {
        return new Html(Html.language(lang, null, here.acceptableLanguages()), brand, here.path());
    }
}
