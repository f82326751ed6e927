package eu.consent.web.pages;

import eu.consent.consent.ConsentLedger;
import eu.consent.consent.ConsentState;
import eu.consent.consent.CurrentConsent;
import eu.consent.contact.Contact;
import eu.consent.eligibility.Decision;
import eu.consent.eligibility.DecisionService;
import eu.consent.eligibility.Recipient;
import eu.consent.eligibility.Rule;
import eu.consent.optout.UnsubscribeLinks;
import eu.consent.preference.PreferenceService;
import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeService;
import eu.consent.retention.Reactivation;
import eu.consent.retention.ReactivationLinks;
import eu.consent.shared.DomainException;
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
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /stay/{token}}: the "keep me" page of a re-permission message. The GET says what the person keeps receiving,
 * with a button, a link to the preference centre and one to leave instead; it changes nothing (mail scanners fetch
 * links). The POST is the person's act: it moves their retention clock and takes them off the reactivation list.
 */
@Path("stay/{token}")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Recipients' pages")
public class StayPage {

    private static final String EXPIRED =
            "the link is past its lifetime: nothing recorded, a link to the preference centre instead";

    @Inject
    ReactivationLinks links;

    @Inject
    Reactivation reactivation;

    @Inject
    ConsentLedger ledger;

    @Inject
    PurposeService purposes;

    @Inject
    PreferenceService preferenceService;

    @Inject
    DecisionService decisions;

    @Inject
    UnsubscribeLinks optOutLinks;

    @Inject
    Branding brand;

    @Inject
    FormGuard guard;

    @Inject
    HttpServletRequest http;

    @Inject
    RequestView here;

    @GET
    @Operation(summary = "Show the \"keep me\" page with its button (changes nothing)")
    @APIResponse(responseCode = "200", description = "the page, with its button")
    @APIResponse(responseCode = "404", description = Pages.UNKNOWN)
    @APIResponse(responseCode = "410", description = EXPIRED)
    public Response show(@PathParam("token") String token, @QueryParam("lang") String lang) {
        return answer(token, lang, null);
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.WILDCARD})
    @Operation(
            summary = "Keep me: records the person's act (an active activity with the page's proof), moves"
                    + " lastActiveAt and takes them off the reactivation list")
    @APIResponse(responseCode = "200", description = "kept, with a link to the preferences")
    @APIResponse(responseCode = "403", description = Pages.REFUSED)
    @APIResponse(responseCode = "404", description = Pages.UNKNOWN)
    @APIResponse(responseCode = "410", description = EXPIRED)
    @APIResponse(responseCode = "415", description = FormBody.NOT_A_FORM)
    public Response stay(@PathParam("token") String token, @QueryParam("lang") String lang, InputStream body) {
        return answer(token, lang, FormBody.readForm(here.contentType(), body));
    }

    private Response answer(String token, String lang, MultivaluedMap<String, String> posted) {
        Optional<ReactivationLinks.Target> target = links.read(token);
        if (target.isEmpty()) {
            return Pages.unknown(html(lang, null));
        }
        Contact contact;
        try {
            contact = reactivation.contact(target.get().contactId());
        } catch (DomainException e) {
            return Pages.unknown(html(lang, null));
        }
        Html html = html(lang, contact.locale());
        String preferences = html.withLanguage(optOutLinks.preferencesUrlFor(contact.id()));
        if (target.get().expired()) {
            return html.message(
                    410,
                    "stay.expired.title",
                    html.text("stay.expired.body"),
                    preferences,
                    html.text("stay.preferences"));
        }
        if (posted != null) {
            if (guard.refuses(http, posted.getFirst("form"), path())) {
                return Pages.refused(html, here.path());
            }
            // As the confirmation's click: a "keep me" that lost a deadlock is made again, not left to the person.
            eu.consent.shared.SqlStates.retryingDeadlocks(3, () -> {
                reactivation.stay(contact.id(), Visitor.proof(http));
                return null;
            });
            return html.message(
                    200,
                    "stay.thanks.title",
                    html.text("stay.thanks.body"),
                    preferences,
                    html.text("stay.preferences"));
        }
        Map<String, Object> model = new HashMap<>();
        Set<Map<String, Object>> received = received(contact, html);
        model.put("body", received.isEmpty() ? html.text("stay.body.general") : html.text("stay.body"));
        model.put("purposes", received);
        model.put("hasPurposes", !received.isEmpty());
        // A pause in force: what they keep comes once it ends, and the page says when (tester AI's F7).
        Instant pause = preferenceService.get(contact.id()).pausedUntil();
        if (pause != null && pause.isAfter(Instant.now())) {
            model.put("pause", PreferenceForm.pauseSentence(pause, html));
        }
        model.put("form", guard.issue(path()));
        model.put("preferencesUrl", preferences);
        Channel leave = leaveChannel(contact);
        if (leave != null) {
            // The link leaves all prospecting on that one channel, and says so (until 2026-12-06 it promised "stop all
            // messages", while texts, calls and letters went on).
            model.put(
                    "leaveUrl",
                    html.withLanguage(
                            optOutLinks.linksFor(contact.id(), null, leave).unsubscribeUrl()));
            model.put("leaveText", html.text("stay.leave", html.text("channel." + leave.name())));
        }
        return html.page(200, html.text("stay.title"), "stay", model);
    }

    /**
     * The names of the purposes the person currently receives with their consent, in the page's language: those the
     * decisions let through on that channel — or hold back only for a while (a break, a cap). A retired purpose, or one under a complaint, a bounce or a suppression, is no longer
     * promised (testers AI's F7 and AJ's F2, until 2026-12-07).
     */
    private Set<Map<String, Object>> received(Contact contact, Html html) {
        Set<Map<String, Object>> names = new LinkedHashSet<>();
        Recipient me = Recipient.of(Recipient.Kind.CONTACT_ID, contact.id().toString());
        for (CurrentConsent c : ledger.current(contact.id())) {
            if (c.state() == ConsentState.GRANTED) {
                try {
                    Purpose purpose = purposes.get(c.purposeKey());
                    if (!purpose.isRetired() && keepsComing(purpose, c.channel(), me)) {
                        names.add(html.name(purpose));
                    }
                } catch (DomainException e) {
                    // a purpose removed since: nothing to name
                }
            }
        }
        return names;
    }

    private boolean keepsComing(Purpose purpose, Channel channel, Recipient me) {
        Decision decision = decisions
                .decide(new DecisionService.Question(purpose, channel), List.of(me))
                .get(0)
                .decision();
        return decision.allowed() || FOR_A_WHILE.contains(decision.rule());
    }

    /**
     * Rules that hold a message back for a while: what the person keeps comes again after them. Not the retention
     * limit, which the decisions weigh before a complaint or an unsubscribe: a person past it is promised nothing by
     * name (the page's general words), rather than what a complaint stopped.
     */
    private static final Set<Rule> FOR_A_WHILE = EnumSet.of(Rule.PAUSED, Rule.FREQUENCY_CAP);

    /** The person's main channel, whose unsubscribe page for all prospecting is one click away: leaving instead. */
    private static Channel leaveChannel(Contact contact) {
        return contact.mainChannel(c -> c != Channel.POSTAL).orElse(null);
    }

    private String path() {
        return here.path();
    }

    private Html html(String lang, String contactLocale) {
        return new Html(Html.language(lang, contactLocale, here.acceptableLanguages()), brand, path());
    }
}
