package eu.consent.web.idempotency;

import eu.consent.idempotency.IdempotencyStore;
import eu.consent.idempotency.IdempotentAnswer;
import eu.consent.shared.Hashing;
import eu.consent.shared.InvalidInputException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replays the first answer to a write made with the same {@code Idempotency-Key} (per caller, method and path) and
 * the same body; the same key with another body is a 422. Only successful answers are kept: a failed request may be
 * retried with its key. The answer is kept right after the change commits; should the server die in between, a
 * retry runs again and meets the ordinary duplicate checks (409 for a contact).
 */
@Provider
@Idempotent
@Priority(Priorities.USER)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final String SCOPE = IdempotencyFilter.class.getName() + ".scope";
    private static final String REQUEST = IdempotencyFilter.class.getName() + ".request";
    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class.getName());
    private static final int MAX_KEY = 200;

    @Inject
    IdempotencyStore store;

    @Inject
    Jsonb jsonb;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null) {
            return;
        }
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw new InvalidInputException(HEADER, "must be 1 to " + MAX_KEY + " characters");
        }
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        Principal caller = request.getSecurityContext().getUserPrincipal();
        String scope = Hashing.sha256Hex((caller == null ? "" : caller.getName()) + "\n" + request.getMethod() + "\n"
                + request.getUriInfo().getPath() + "\n" + key);
        String requestHash = HexFormat.of().formatHex(sha256(body));
        Optional<IdempotentAnswer> first = store.find(scope);
        if (first.isPresent()) {
            if (!first.get().requestHash().equals(requestHash)) {
                throw new InvalidInputException(HEADER, "was already used with another request body");
            }
            Response.ResponseBuilder replay = Response.status(first.get().status())
                    .header("Idempotent-Replayed", "true")
                    .entity(first.get().body())
                    .type(MediaType.APPLICATION_JSON_TYPE);
            if (first.get().location() != null) {
                replay.header("Location", first.get().location());
            }
            request.abortWith(replay.build());
            return;
        }
        request.setProperty(SCOPE, scope);
        request.setProperty(REQUEST, requestHash);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object scope = request.getProperty(SCOPE);
        if (scope == null || response.getStatus() < 200 || response.getStatus() > 299) {
            return;
        }
        try {
            Object entity = response.getEntity();
            String body = entity == null ? null : entity instanceof String s ? s : jsonb.toJson(entity);
            Object location = response.getHeaders().getFirst("Location");
            store.keep(
                    (String) scope,
                    (String) request.getProperty(REQUEST),
                    response.getStatus(),
                    location == null ? null : location.toString(),
                    body);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep the answer of an idempotent request; a retry will run again", e);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
