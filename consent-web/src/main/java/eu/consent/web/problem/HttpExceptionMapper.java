package eu.consent.web.problem;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Failures the HTTP layer detects (no such path, method not allowed, media type not supported, role missing, body
 * too large) keep their status and get a problem body; headers that matter to the client (Allow,
 * WWW-Authenticate) are kept.
 */
@Provider
public class HttpExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    ResourceInfo resource;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Context
    SecurityContext security;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.ResponseBuilder answer = Response.fromResponse(
                Problem.ofStatus(status, detail(e, status)).response());
        if (e instanceof NotAllowedException) {
            answer.allow(original.getAllowedMethods());
        }
        if (e instanceof NotAuthorizedException) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"consent\"");
        }
        return answer.build();
    }

    private String detail(WebApplicationException e, int status) {
        return switch (status) {
            case 401 ->
                headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null
                        ? "credentials are required"
                        : "the credentials were refused";
            case 403 -> rolesNeeded();
            case 404 -> "no resource at this address";
            case 405 -> "this method is not allowed here";
            case 406 -> notAcceptable();
            case 413 -> e.getMessage();
            case 415 -> unsupported();
            default -> status >= 500 ? "the server could not answer" : e.getMessage();
        };
    }

    /** Which roles the refused method allows, read from its {@code @RolesAllowed} (or its class's). */
    private String rolesNeeded() {
        Method method = resource == null ? null : resource.getResourceMethod();
        RolesAllowed allowed = method == null
                ? null
                : method.isAnnotationPresent(RolesAllowed.class)
                        ? method.getAnnotation(RolesAllowed.class)
                        : resource.getResourceClass().getAnnotation(RolesAllowed.class);
        if (allowed == null || allowed.value().length == 0) {
            return "your role does not allow this request";
        }
        return rolesNeeded(List.of(allowed.value())) + otherRepresentation(method);
    }

    /** A 403's words: the roles the request needs. */
    static String rolesNeeded(Collection<String> roles) {
        return "this request needs the role " + String.join(" or ", roles) + "; yours does not allow it";
    }

    /**
     * The representation of the same resource the caller's role may have, if another one is theirs (the list of
     * re-permission candidates: ids as JSON for staff, the file with identifiers as CSV for the sending system).
     */
    private String otherRepresentation(Method refused) {
        for (Method m : resource.getResourceClass().getMethods()) {
            RolesAllowed roles = m.getAnnotation(RolesAllowed.class);
            Produces produces = m.getAnnotation(Produces.class);
            if (m.equals(refused)
                    || roles == null
                    || produces == null
                    || !request.getMethod().equals(EndpointTypes.httpMethod(m))
                    || !Objects.equals(path(m), path(refused))
                    || Arrays.stream(roles.value()).noneMatch(security::isUserInRole)) {
                continue;
            }
            return "; yours may have it as " + String.join(" or ", produces.value()) + " (Accept: "
                    + produces.value()[0] + ")";
        }
        return "";
    }

    private static String path(Method m) {
        Path path = m.getAnnotation(Path.class);
        return path == null ? null : path.value();
    }

    /** What was asked for and what the endpoint answers with. */
    private String notAcceptable() {
        return notAcceptable(
                headers.getHeaderString(HttpHeaders.ACCEPT),
                EndpointTypes.produced(request.getMethod(), uri.getPath()));
    }

    static String notAcceptable(String asked, Set<String> answers) {
        return "no acceptable representation for Accept: " + (asked == null ? "(none)" : asked)
                + "; this endpoint answers "
                + (answers.isEmpty() ? MediaType.APPLICATION_JSON : String.join(", ", answers));
    }

    /** What was sent and what the endpoint takes. */
    private String unsupported() {
        MediaType sent = headers.getMediaType();
        String received = sent == null ? "no Content-Type" : sent.getType() + "/" + sent.getSubtype();
        Set<String> accepted = EndpointTypes.consumed(request.getMethod(), uri.getPath());
        return "received " + received + "; this endpoint accepts "
                + (accepted.isEmpty() ? "no request body" : String.join(", ", accepted));
    }
}
