package eu.consent.web.pages;

import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.mail.ConfirmationTexts;
import eu.consent.optout.UnsubscribeLinks;
import eu.consent.preference.PreferenceCentre;
import eu.consent.shared.ConflictException;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.SqlStates;
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
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /preferences/{token}}: the preference centre. The GET shows what the person receives (prospecting purposes per
 * channel, caps, pause; service purposes as always sent) and changes nothing; the POST saves the form (or unsubscribes
 * from everything) and redirects back to the GET, so that reloading never posts twice.
 */
@Path("preferences/{token}")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Recipients' pages")
public class PreferencePage {

    @Inject
    UnsubscribeLinks links;

    @Inject
    ContactService contacts;

    @Inject
    PreferenceCentre centre;

    @Inject
    Branding brand;

    @Inject
    FormGuard guard;

    @Inject
    Clock clock;

    @Inject
    HttpServletRequest http;

    @Inject
    RequestView here;

    @GET
    @Operation(summary = "The preference centre: what the person receives, how often, a pause (changes nothing)")
    @APIResponse(responseCode = "200", description = "the page, with its form")
    @APIResponse(responseCode = "404", description = Pages.UNKNOWN)
    @APIResponse(responseCode = "410", description = Pages.EXPIRED)
    public Response show(
            @PathParam("token") String token,
            @QueryParam("lang") String lang,
            @QueryParam("saved") String saved,
            @QueryParam("mailed") String mailed) {
        if (isExpired(token)) {
            return Pages.expired(html(lang, null), guard);
        }
        Optional<Contact> contact = resolve(token);
        if (contact.isEmpty()) {
            return Pages.unknown(html(lang, null));
        }
        Html html = html(lang, contact.get().locale());
        PreferenceForm.Shown shown = new PreferenceForm.Shown(
                centre.overview(contact.get().id(), html.language()),
                "1".equals(saved),
                "0".equals(saved),
                "1".equals(mailed));
        return view(html, lang, 200, shown, null, List.of());
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.WILDCARD})
    @Operation(summary = "Save the preference centre's form (source PREFERENCE_CENTER, with IP and user agent)")
    @APIResponse(
            responseCode = "303",
            description = "saved: back to the page (a reload never posts twice), saved=1 if anything changed (else 0),"
                    + " mailed=1 if a double opt-in asks for confirmation by mail",
            headers =
                    @Header(
                            name = "Location",
                            description = "this page with ?saved=1|0 (and &mailed=1)",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "action=leave: unsubscribed from everything, said on a page")
    @APIResponse(responseCode = "403", description = Pages.REFUSED)
    @APIResponse(responseCode = "404", description = Pages.UNKNOWN)
    @APIResponse(
            responseCode = "409",
            description = "a purpose's notice changed since the page was shown (nothing saved), or a switch turned off"
                    + " there whose consent was closed and given again since (the rest saved): the page again, up to"
                    + " date, saying so")
    @APIResponse(responseCode = "410", description = Pages.EXPIRED)
    @APIResponse(
            responseCode = "422",
            description = "values the form does not allow (a cap, a pause date): the form again with the person's"
                    + " values and each error; nothing saved")
    @APIResponse(responseCode = "415", description = FormBody.NOT_A_FORM)
    public Response save(@PathParam("token") String token, @QueryParam("lang") String lang, InputStream body) {
        MultivaluedMap<String, String> form =
                FormBody.readForm(here.contentType(), body, FormBody.MAX_PREFERENCE_BYTES);
        if (isExpired(token)) {
            return Pages.expired(html(lang, null), guard);
        }
        Optional<Contact> contact = resolve(token);
        if (contact.isEmpty()) {
            return Pages.unknown(html(lang, null));
        }
        Html html = html(lang, contact.get().locale());
        // Two different actions say nothing: "leave" read first unsubscribed from everything (tester AP's F1).
        String action =
                form.containsKey("action") && Set.copyOf(form.get("action")).size() > 1
                        ? "(several)"
                        : form.getFirst("action");
        boolean leaving = "leave".equals(action);
        if (leaving
                ? guard.refusesClosing(http, form.getFirst("form"), path())
                : guard.refuses(http, form.getFirst("form"), path())) {
            return Pages.refused(html, here.path());
        }
        UUID id = contact.get().id();
        if (leaving) {
            // Made again here when it loses a deadlock, as the one-click is: the person's "no" is not left to a retry.
            SqlStates.retryingDeadlocks(3, () -> {
                centre.leaveEverything(id, Visitor.proof(http), UnsubscribePage.feedback(form));
                return null;
            });
            return html.message(
                    200, "prefs.left.title", html.text("prefs.left.body"), action(lang), html.text("form.back"));
        }
        PreferenceCentre.Overview overview = centre.overview(id, html.language());
        if (!("save".equals(action) || action == null && PreferenceForm.namesAField(form, overview))) {
            // A box left unticked is not sent, so only the page's form (action=save) reads a missing switch as "off";
            // a post that sends a field of the page changes what it names; a plain POST, or one naming no known
            // action, says nothing and switches nothing off.
            return view(
                    html,
                    lang,
                    422,
                    new PreferenceForm.Shown(overview, false, false),
                    null,
                    List.of(PreferenceForm.FieldError.general(html.text("prefs.error.action"))));
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        FormGuard.Shown shownAt = guard.shown(form.getFirst("form"), path()).orElse(null);
        PreferenceForm.Parsed parsed = PreferenceForm.parse(form, overview, today, html, shownAt);
        if (!parsed.errors().isEmpty()) {
            return view(
                    html,
                    lang,
                    422,
                    new PreferenceForm.Shown(overview, false, false),
                    form,
                    parsed.errors(),
                    shownAt,
                    false);
        }
        PreferenceCentre.Saved saved;
        try {
            saved = SqlStates.retryingDeadlocks(3, () -> centre.save(id, parsed.choices(), Visitor.proof(http)));
        } catch (ConflictException e) {
            String purpose = String.valueOf(e.extra().get("purpose"));
            String name = names(overview, Set.of(purpose), html);
            PreferenceCentre.Overview fresh = centre.overview(id, html.language());
            return view(
                    html,
                    lang,
                    409,
                    new PreferenceForm.Shown(fresh, false, false),
                    form,
                    List.of(PreferenceForm.FieldError.general(html.text("prefs.error.notice", name))),
                    shownAt,
                    false);
        }
        if (!saved.stale().isEmpty()) {
            // Saved but for the switches whose consent changed since the page was shown: the page as it stands now,
            // new twins and a new time, naming them, for the person to choose again from what holds.
            PreferenceCentre.Overview fresh = centre.overview(id, html.language());
            String names = names(fresh, saved.stale(), html);
            return view(
                    html,
                    lang,
                    409,
                    new PreferenceForm.Shown(fresh, false, false),
                    null,
                    List.of(PreferenceForm.FieldError.general(html.text("prefs.error.changed", names))),
                    null,
                    true);
        }
        String back = action(lang) + (action(lang).contains("?") ? "&" : "?") + "saved="
                + (saved.changedAnything() ? "1" : "0") + (saved.confirmations() > 0 ? "&mailed=1" : "");
        return Response.seeOther(URI.create(back)).build();
    }

    /** The page's names of the purposes {@code keys} names, in its language (a key the page has not: the key). */
    private static String names(PreferenceCentre.Overview overview, Set<String> keys, Html html) {
        List<String> named = overview.topics().stream()
                .filter(t -> keys.contains(t.purpose().key()))
                .map(t -> ConfirmationTexts.purposeName(t.purpose(), html.locale()))
                .toList();
        return named.isEmpty() ? String.join(", ", keys) : String.join(", ", named);
    }

    private Response view(
            Html html,
            String lang,
            int status,
            PreferenceForm.Shown shown,
            MultivaluedMap<String, String> posted,
            List<PreferenceForm.FieldError> errors) {
        return view(html, lang, status, shown, posted, errors, null, false);
    }

    /**
     * {@code shownAt}: when the page whose post this shows again was shown (null: now, a page shown afresh, drawn after
     * the ledger event its overview read last).
     */
    private Response view(
            Html html,
            String lang,
            int status,
            PreferenceForm.Shown shown,
            MultivaluedMap<String, String> posted,
            List<PreferenceForm.FieldError> errors,
            FormGuard.Shown shownAt,
            boolean partlySaved) {
        Instant now = clock.instant();
        Map<String, Object> model = PreferenceForm.model(shown, posted, errors, html, brand.name(), now);
        // A save that kept the rest of the post says so above its one refusal: until 2026-12-07 the banner opened with
        // "Nothing was saved" over "The rest of your choices were saved" (tester AM's F3).
        model.put("partlySaved", partlySaved);
        model.put("action", action(lang));
        model.put(
                "form",
                guard.issue(
                        path(),
                        shownAt == null
                                ? new FormGuard.Shown(now, shown.overview().through())
                                : shownAt));
        model.put("reasons", UnsubscribePage.reasons(html));
        model.put("receiptsUrl", html.withLanguage(path() + "/receipts"));
        // A page whose other choices were saved is no failure: its title does not say "Error" (review 42).
        return errors.isEmpty() || partlySaved
                ? html.page(status, html.text("prefs.title"), "preferences", model)
                : html.refusedForm(status, html.text("prefs.title"), "preferences", model);
    }

    /** Checked before anything is looked up: an old link's page names nobody, erased or not. */
    private boolean isExpired(String token) {
        return links.readPreferences(token)
                .map(UnsubscribeLinks.PreferenceTarget::expired)
                .orElse(false);
    }

    /** The contact a valid, current preference token names; empty for a bad token or a contact erased since. */
    private Optional<Contact> resolve(String token) {
        Optional<UnsubscribeLinks.PreferenceTarget> target = links.readPreferences(token);
        if (target.isEmpty() || target.get().expired()) {
            return Optional.empty();
        }
        try {
            return Optional.of(contacts.get(target.get().contactId()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Where the forms post: this page, keeping an explicit ?lang= choice. */
    private String action(String lang) {
        String chosen = LanguageParam.of(lang, Html.LANGUAGES);
        return path() + (chosen != null ? "?lang=" + chosen : "");
    }

    private String path() {
        return here.path();
    }

    private Html html(String lang, String contactLocale) {
        return new Html(Html.language(lang, contactLocale, here.acceptableLanguages()), brand, path());
    }
}
