package eu.consent.web.pages;

import eu.consent.contact.EmailAddresses;
import eu.consent.preference.PreferenceLinkRequests;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /preferences}: "send me my preference link". The answer never tells whether the address is known: the same
 * page, at once, for a known address, an unknown one and a rate-limited one; the look-up and the mail happen after
 * the answer (through the outbox), so not even the time taken differs.
 */
@Path("preferences")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Recipients' pages")
public class RequestLinkPage {

    private static final Logger LOG = Logger.getLogger(RequestLinkPage.class.getName());

    @Inject
    PreferenceLinkRequests requests;

    @Inject
    LinkRequestLimiter limiter;

    @Inject
    Branding brand;

    @Inject
    FormGuard guard;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    HttpServletRequest http;

    @Inject
    RequestView here;

    @GET
    @Operation(summary = "A form asking for one's email address, to receive the preference-centre link")
    @APIResponse(responseCode = "200", description = "the page, with its form")
    public Response show(@QueryParam("lang") String lang) {
        return view(html(lang), 200, false, false, "");
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.WILDCARD})
    @Operation(
            summary = "Mail the preference-centre link to the address given (form field email); the same answer"
                    + " whether the address is known or not, rate-limited per address and per client")
    @APIResponse(
            responseCode = "200",
            description = "\"if the address is known, a link is on its way\": the same page for a known, an unknown"
                    + " and a rate-limited address")
    @APIResponse(responseCode = "403", description = Pages.REFUSED)
    @APIResponse(responseCode = "422", description = "not an email address: the form again, saying so")
    @APIResponse(responseCode = "415", description = FormBody.NOT_A_FORM)
    public Response request(@QueryParam("lang") String lang, InputStream body) {
        MultivaluedMap<String, String> form = FormBody.readForm(here.contentType(), body);
        Html html = html(lang);
        if (guard.refuses(http, form.getFirst("form"), path())) {
            return Pages.refused(html, here.path());
        }
        String given = form.getFirst("email");
        String email = given == null ? null : EmailAddresses.normalizeOrNull(given);
        if (email == null) {
            return view(html, 422, false, true, given == null ? "" : given);
        }
        if (limiter.allow(email, http)) {
            executor.execute(() -> {
                try {
                    requests.send(email);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a preference link could not be queued", e);
                }
            });
        }
        return view(html, 200, true, false, "");
    }

    private Response view(Html html, int status, boolean sent, boolean invalid, String email) {
        Map<String, Object> model = new HashMap<>();
        model.put("sent", sent);
        model.put("invalid", invalid);
        model.put("email", email);
        model.put("action", here.path() + langSuffix());
        model.put("form", guard.issue(path()));
        return invalid
                ? html.refusedForm(status, html.text("request.title"), "request", model)
                : html.page(status, html.text("request.title"), "request", model);
    }

    private String langSuffix() {
        String lang = LanguageParam.of(here.query("lang"), Html.LANGUAGES);
        return lang != null ? "?lang=" + lang : "";
    }

    private String path() {
        return here.path();
    }

    private Html html(String lang) {
        return new Html(Html.language(lang, null, here.acceptableLanguages()), brand, path());
    }
}
