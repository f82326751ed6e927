package eu.consent.web.optout;

import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.optout.UnsubscribeLinks;
import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Violations;
import eu.consent.web.Roles;
import eu.consent.web.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/unsubscribe-links")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Opt-out")
public class UnsubscribeLinkResource {

    @Inject
    UnsubscribeLinks links;

    @Inject
    ContactService contacts;

    @Inject
    PurposeService purposes;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN})
    @Operation(
            summary = "Signed unsubscribe and preference links for one message, and its List-Unsubscribe and"
                    + " List-Unsubscribe-Post headers (RFC 8058); without a purpose, the link unsubscribes from all"
                    + " prospecting on the channel")
    @APIResponse(
            responseCode = "200",
            description = "The links and headers of one message",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "UnsubscribeLinks")))
    public UnsubscribeLinks.Links create(UnsubscribeLinkInput input) {
        Violations v = new Violations();
        String rawId = v.require("contactId", input.contactId());
        Channel named = input.channel() == null ? null : v.enumValue("channel", input.channel(), Channel.class);
        v.throwIfAny();
        UUID contactId;
        try {
            contactId = UUID.fromString(rawId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("contactId", "must be a UUID");
        }
        Contact contact = contacts.get(contactId);
        Predicate<Channel> usable = c -> true;
        Purpose purpose = null;
        if (input.purpose() != null) {
            try {
                purpose = purposes.get(input.purpose());
            } catch (NotFoundException e) {
                throw new InvalidInputException("purpose", "is not a known purpose");
            }
            // As the consents and decisions answer: its one-click recorded a state no other path may (until
            // 2026-12-06).
            usable = purpose::uses;
        }
        // No channel named: the one the message can reach the person on (Contact.mainChannel: email, else a text to
        // their number, else a letter, else a call — a calls-only purpose's link was a 422 on a channel nobody had sent
        // until 2026-12-07, tester AZ's F7); until 2026-12-07 it was email whatever they had, and the link a campaign
        // put in a text to a person without an address unsubscribed them from nothing (tester AJ's doubts). None
        // reaching them: email if the purpose has it, else its first channel.
        Predicate<Channel> among = usable;
        Channel channel = named != null
                ? named
                : contact.mainChannel(among)
                        .orElseGet(() -> among.test(Channel.EMAIL)
                                ? Channel.EMAIL
                                : java.util.Arrays.stream(Channel.values())
                                        .filter(among)
                                        .findFirst()
                                        .orElseThrow());
        if (!usable.test(channel)) {
            throw new InvalidInputException(
                    "channel", "is not a channel of purpose " + purpose.key() + " " + purpose.channels());
        }
        return links.linksFor(contactId, input.purpose(), channel);
    }
}
