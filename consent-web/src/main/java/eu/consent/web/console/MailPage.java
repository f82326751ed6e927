package eu.consent.web.console;

import eu.consent.mail.MailOutbox;
import eu.consent.mail.OutboxMessage;
import eu.consent.privacy.PersonalRecords;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Local mail, for a laptop: the messages the service sent or would have sent (double opt-in confirmations, preference
 * links), read from the outbox, with their links clickable, so that a newcomer completes a double opt-in without an
 * SMTP server. It shows personal data (addresses and personal links), so it exists only where {@link LocalMail} says
 * the server is a development one, and only for the roles that read personal data.
 */
@Path("console/mail")
@Produces(MediaType.TEXT_HTML)
public class MailPage {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
    private static final int SHOWN = 50;

    @Inject
    Console console;

    @Inject
    MailOutbox outbox;

    @Inject
    LocalMail localMail;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(hidden = true)
    public Response mail() {
        ConsoleUser user = console.reader(request);
        if (!localMail.enabled()) {
            throw new NotFoundException();
        }
        ConsoleView view = console.view(request);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (OutboxMessage m : outbox.recent(SHOWN)) {
            Map<String, Object> message = new HashMap<>();
            message.put("to", m.recipient());
            message.put("subject", m.subject());
            message.put("created", m.createdAt() == null ? "–" : m.createdAt().toString());
            message.put(
                    "status", m.sentAt() == null ? view.text("mail.waiting", m.attempts()) : view.text("mail.sent"));
            // A role that changes nothing sees where each link led, not a token that would act as the person.
            message.put("parts", parts(user.mayChange() ? m.body() : PersonalRecords.withoutActingTokens(m.body())));
            messages.add(message);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("self", "/console/mail");
        model.put("messages", messages);
        model.put("none", messages.isEmpty());
        return console.page(request, view, "mail", view.text("nav.mail"), "mail", model);
    }

    /** The body as text and links, so that the template escapes the text and makes each link an anchor. */
    static List<Map<String, Object>> parts(String body) {
        List<Map<String, Object>> parts = new ArrayList<>();
        Matcher m = LINK.matcher(body);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(Map.of("text", body.substring(at, m.start())));
            }
            parts.add(Map.of("href", m.group()));
            at = m.end();
        }
        if (at < body.length()) {
            parts.add(Map.of("text", body.substring(at)));
        }
        return parts;
    }
}
