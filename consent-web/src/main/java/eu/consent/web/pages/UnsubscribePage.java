package eu.consent.web.pages;

import eu.consent.consent.ConsentSource;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.mail.ConfirmationTexts;
import eu.consent.optout.Feedback;
import eu.consent.optout.FeedbackReason;
import eu.consent.optout.OptOutService;
import eu.consent.optout.UnsubscribeLinks;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeKind;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.DomainException;
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
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /unsubscribe/{token}}: the GET (and HEAD) page says what will happen and changes nothing; the POST opts out,
 * either as an RFC 8058 one-click from the mail client or from the page's form with optional feedback. The opt-out is
 * committed before the answer leaves.
 */
@Path("unsubscribe/{token}")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Recipients' pages")
public class UnsubscribePage {

    static final String ONE_CLICK_FIELD = "List-Unsubscribe";
    static final String ONE_CLICK_VALUE = "One-Click";

    @Inject
    UnsubscribeLinks links;

    @Inject
    OptOutService optOuts;

    @Inject
    ContactService contacts;

    @Inject
    PurposeService purposes;

    @Inject
    HttpServletRequest http;

    @Inject
    RequestView here;

    @Inject
    Branding brand;

    @Inject
    FormGuard guard;

    /** What a valid token points at, resolved for the page. */
    private record Subject(UnsubscribeLinks.Target target, Html html, String what) {}

    @GET
    @Operation(summary = "Say what unsubscribing will do, with a button and an optional reason (changes nothing)")
    @APIResponse(responseCode = "200", description = "the page, with its form")
    @APIResponse(responseCode = "404", description = Pages.UNKNOWN)
    @APIResponse(responseCode = "410", description = Pages.EXPIRED)
    public Response show(@PathParam("token") String token, @QueryParam("lang") String lang) {
        Optional<UnsubscribeLinks.Target> link = links.read(token);
        if (isExpired(link)) {
            return expired(lang);
        }
        Optional<Subject> subject = link.flatMap(target -> resolve(target, lang));
        if (subject.isEmpty()) {
            return unknown(lang);
        }
        Html html = subject.get().html();
        UnsubscribeLinks.Target target = subject.get().target();
        Map<String, Object> model = new HashMap<>();
        model.put("body", html.text("unsubscribe.body", subject.get().what()));
        model.put("form", guard.issue(path()));
        model.put("reasons", reasons(html));
        model.put("preferencesUrl", html.withLanguage(links.preferencesUrlFor(target.contactId())));
        return html.page(200, html.text("unsubscribe.title"), "unsubscribe", model);
    }

    /** What a body the page cannot read stands for: the link's one-click, without feedback. */
    private static MultivaluedMap<String, String> oneClickWithoutFeedback() {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle(ONE_CLICK_FIELD, ONE_CLICK_VALUE);
        return form;
    }

    /** The feedback reasons as the forms list them (radio buttons with their labels). */
    static List<Map<String, Object>> reasons(Html html) {
        List<Map<String, Object>> reasons = new ArrayList<>();
        for (FeedbackReason reason : FeedbackReason.values()) {
            reasons.add(Map.of("value", reason.name(), "label", html.text("reason." + reason.name())));
        }
        return reasons;
    }

    /**
     * Accepts any body type, size and {@code Accept}: a mail provider's one-click must never be turned away with a 415,
     * a 413 or a 406, so the body is read here ({@link FormBody}: multipart or URL-encoded, no more than a form of the
     * page holds) and the answer is always the HTML page.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.TEXT_HTML, MediaType.WILDCARD})
    @Operation(
            summary = "Unsubscribe: the RFC 8058 one-click body List-Unsubscribe=One-Click (multipart/form-data or"
                    + " application/x-www-form-urlencoded, any Accept), or the page's form with reason and comment;"
                    + " committed before the answer, repeating it changes nothing more")
    @APIResponse(
            responseCode = "200",
            description = "unsubscribed (again, if repeated), with a link to the preferences")
    @APIResponse(responseCode = "403", description = Pages.REFUSED + " (never a one-click: its signed URL suffices)")
    @APIResponse(responseCode = "404", description = Pages.UNKNOWN)
    @APIResponse(responseCode = "410", description = Pages.EXPIRED)
    public Response unsubscribe(
            @PathParam("token") String token,
            @QueryParam("lang") String lang,
            @RequestBody(
                            description = "the one-click body, or the page's form",
                            content = {
                                @Content(
                                        mediaType = "application/x-www-form-urlencoded",
                                        schema =
                                                @Schema(
                                                        type = SchemaType.OBJECT,
                                                        properties = {
                                                            @SchemaProperty(
                                                                    name = "List-Unsubscribe",
                                                                    type = SchemaType.STRING,
                                                                    description = "One-Click (RFC 8058)"),
                                                            @SchemaProperty(
                                                                    name = "reason",
                                                                    type = SchemaType.STRING,
                                                                    enumeration = {
                                                                        "TOO_FREQUENT",
                                                                        "NOT_RELEVANT",
                                                                        "NEVER_SIGNED_UP",
                                                                        "OTHER"
                                                                    }),
                                                            @SchemaProperty(name = "comment", type = SchemaType.STRING)
                                                        })),
                                @Content(
                                        mediaType = "multipart/form-data",
                                        schema =
                                                @Schema(
                                                        type = SchemaType.OBJECT,
                                                        properties = {
                                                            @SchemaProperty(
                                                                    name = "List-Unsubscribe",
                                                                    type = SchemaType.STRING,
                                                                    description = "One-Click (RFC 8058)"),
                                                            @SchemaProperty(
                                                                    name = "reason",
                                                                    type = SchemaType.STRING,
                                                                    enumeration = {
                                                                        "TOO_FREQUENT",
                                                                        "NOT_RELEVANT",
                                                                        "NEVER_SIGNED_UP",
                                                                        "OTHER"
                                                                    }),
                                                            @SchemaProperty(name = "comment", type = SchemaType.STRING)
                                                        }))
                            })
                    InputStream body) {
        MultivaluedMap<String, String> form;
        boolean unread = false;
        try {
            form = FormBody.read(here.contentType(), body);
        } catch (FormBody.TooLarge e) {
            unread = true;
            // Larger than any form of the page (a reason and a 2,000-character comment): the signed link is the
            // credential, so the opt-out is recorded without the feedback it cannot read, rather than lost to a 413
            // (tester AO's F2, until 2026-12-07). Only what the page needs was read.
            form = oneClickWithoutFeedback();
        } catch (java.io.UncheckedIOException e) {
            // A body that cannot be read — not what its Content-Encoding says (a mail client's one-click is what comes
            // compressed), or ended before its declared length: the token is the credential (RFC 8058), so the opt-out
            // is recorded, without feedback, rather than lost to a 400 (until 2026-12-06) or a 500 (a body cut short,
            // until 2026-12-07, tester AP's F12).
            unread = true;
            form = oneClickWithoutFeedback();
        }
        Optional<UnsubscribeLinks.Target> link = links.read(token);
        if (isExpired(link)) {
            return expired(lang);
        }
        Optional<Subject> subject = link.flatMap(target -> resolve(target, lang));
        if (subject.isEmpty()) {
            return unknown(lang);
        }
        boolean oneClick = ONE_CLICK_VALUE.equals(form.getFirst(ONE_CLICK_FIELD));
        String formToken = form.getFirst("form");
        if (!oneClick && guard.refusesClosing(http, formToken, path())) {
            return Pages.refused(subject.get().html(), here.path());
        }
        // The one-click's own body says nothing more; a form (or a one-click sent from the page's form) may carry a
        // reason and a comment, kept with the opt-out.
        Feedback feedback = feedback(form);
        UnsubscribeLinks.Target target = subject.get().target();
        try {
            // A mail client's one-click is sent once and never again: one that loses a deadlock to other changes of the
            // same person is made again here before any answer (tester BH's F10: until 2026-12-07 it answered 503 and
            // the unsubscribe was lost).
            SqlStates.retryingDeadlocks(
                    3,
                    () -> optOuts.unsubscribe(
                            target.contactId(),
                            target.purposeKey(),
                            target.channel(),
                            oneClick ? ConsentSource.ONE_CLICK : ConsentSource.UNSUBSCRIBE_LINK,
                            Visitor.proof(http),
                            feedback,
                            target.issuedAt(),
                            target.issuedWithin()));
        } catch (DomainException e) {
            return unknown(lang);
        }
        Html html = subject.get().html();
        Response done = html.message(
                200,
                "unsubscribed.title",
                html.text("unsubscribed.body", subject.get().what()),
                html.withLanguage(links.preferencesUrlFor(target.contactId())),
                html.text("unsubscribed.preferences"));
        // The rest of a body too large to read is not read: the connection is not used again.
        return unread
                ? Response.fromResponse(done).header("Connection", "close").build()
                : done;
    }

    static Feedback feedback(MultivaluedMap<String, String> form) {
        if (form == null) {
            return Feedback.NONE;
        }
        FeedbackReason reason = null;
        String raw = form.getFirst("reason");
        if (raw != null) {
            for (FeedbackReason r : FeedbackReason.values()) {
                if (r.name().equals(raw)) {
                    reason = r;
                }
            }
        }
        return new Feedback(reason, form.getFirst("comment"));
    }

    private Optional<Subject> resolve(UnsubscribeLinks.Target target, String lang) {
        Contact contact;
        try {
            contact = contacts.get(target.contactId());
        } catch (DomainException e) {
            return Optional.empty();
        }
        Html html = new Html(Html.language(lang, contact.locale(), here.acceptableLanguages()), brand, path());
        String channel = html.text("channel." + target.channel().name());
        Purpose purpose = null;
        if (target.purposeKey() != null) {
            try {
                purpose = purposes.get(target.purposeKey());
            } catch (DomainException e) {
                return Optional.empty();
            }
        }
        if (purpose == null || purpose.kind() == PurposeKind.SERVICE) {
            // A link sent with a service message (an order confirmation) cannot leave that purpose: service messages
            // rest on the contract and SERVICE_MESSAGE is tried before any opt-out. Someone who clicks "unsubscribe"
            // there means the marketing, so the link leaves all prospecting on its channel, as bulk headers do.
            UnsubscribeLinks.Target all = new UnsubscribeLinks.Target(
                    target.contactId(),
                    null,
                    target.channel(),
                    target.expired(),
                    target.issuedAt(),
                    target.issuedWithin());
            return Optional.of(new Subject(all, html, html.text("unsubscribe.all", channel)));
        }
        String what = html.text("unsubscribe.purpose", ConfirmationTexts.purposeName(purpose, html.locale()), channel);
        return Optional.of(new Subject(target, html, what));
    }

    /** Checked before anything is looked up: an old link's page names nobody, erased or not. */
    private static boolean isExpired(Optional<UnsubscribeLinks.Target> link) {
        return link.map(UnsubscribeLinks.Target::expired).orElse(false);
    }

    /** A link past its lifetime: nothing done, nothing named, and a way to get a fresh one by mail. */
    private Response expired(String lang) {
        return Pages.expired(new Html(Html.language(lang, null, here.acceptableLanguages()), brand, path()), guard);
    }

    private Response unknown(String lang) {
        return Pages.unknown(new Html(Html.language(lang, null, here.acceptableLanguages()), brand, path()));
    }

    private String path() {
        return here.path();
    }
}
