package eu.consent.web.console;

import eu.consent.web.pages.Branding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** What every console page does: who is signed in, may they, did the form come from our page, render. */
@ApplicationScoped
public class Console {

    @Inject
    ConsoleSession session;

    @Inject
    Branding brand;

    @Inject
    LocalMail localMail;

    /** The signed-in user (the gate already sent anyone else to the login page). */
    ConsoleUser user(HttpServletRequest request) {
        return session.user(request).orElseThrow(() -> new NotAuthorizedException("Console"));
    }

    /** The user, who must see personal data (admin, auditor): else 403. */
    ConsoleUser reader(HttpServletRequest request) {
        ConsoleUser user = user(request);
        if (!user.seesPersonalData()) {
            throw new ForbiddenException();
        }
        return user;
    }

    /** The user, who must be allowed to change things (admin), after checking the form's token: else 403. */
    ConsoleUser changer(HttpServletRequest request, String formToken, String scope) {
        ConsoleUser user = user(request);
        if (!user.mayChange() || !session.acceptsForm(request, formToken, scope)) {
            throw new ForbiddenException();
        }
        return user;
    }

    /** The reading user, after checking the form's token (a search by email is a form post, not a change). */
    ConsoleUser readerPosting(HttpServletRequest request, String formToken, String scope) {
        ConsoleUser user = reader(request);
        if (!session.acceptsForm(request, formToken, scope)) {
            throw new ForbiddenException();
        }
        return user;
    }

    String formToken(HttpServletRequest request, String scope) {
        return session.formToken(request, scope);
    }

    ConsoleView view(HttpServletRequest request) {
        return ConsoleView.of(request, brand).withLocalMail(localMail.enabled());
    }

    Response page(
            HttpServletRequest request,
            ConsoleView view,
            String current,
            String title,
            String template,
            Map<String, Object> model) {
        return page(request, view, 200, current, title, template, model);
    }

    Response page(
            HttpServletRequest request,
            ConsoleView view,
            int status,
            String current,
            String title,
            String template,
            Map<String, Object> model) {
        return view.page(status, user(request), formToken(request, "/console/logout"), current, title, template, model);
    }
}
