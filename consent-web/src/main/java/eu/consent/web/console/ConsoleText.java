package eu.consent.web.console;

import eu.consent.shared.InvalidInputException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * No console form or address carries a NUL: it is no text, and PostgreSQL can neither store one nor compare with one
 * (a notice's text, a purpose key, a search: a 500 there until 2026-12-07, review 40 after tester AO's F3). Refused
 * (422, the console's error page) before any page reads it; the API refuses it in its JSON and query values, the
 * recipients' pages leave it out of what they keep.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class ConsoleText implements ContainerRequestFilter {

    private static final String REFUSAL = "holds the character U+0000 (%00), which is not text";

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.startsWith("console") || path.startsWith("/console"))) {
            return;
        }
        for (Map.Entry<String, List<String>> parameter :
                request.getUriInfo().getQueryParameters().entrySet()) {
            if (parameter.getValue().stream().anyMatch(v -> v.indexOf('\u0000') >= 0)) {
                throw new InvalidInputException(parameter.getKey(), REFUSAL);
            }
        }
        MediaType type = request.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return; // the import's multipart upload refuses a NUL in its file itself
        }
        byte[] body;
        try {
            body = request.getEntityStream().readAllBytes(); // bounded by consent.api.max-body-bytes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(body, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (text.indexOf('\u0000') >= 0 || text.contains("%00")) {
            throw new InvalidInputException("form", REFUSAL);
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }
}
