package eu.consent.web.problem;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Failures the HTTP layer detects (no such path, method not allowed, media type not supported, role missing, body
 * too large) keep their status and get a problem body; headers that matter to the client (Allow,
 * WWW-Authenticate) are kept.
 */
@Provider
public class HttpExceptionMapper implements ExceptionMapper<WebApplicationException> {

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

    private static String detail(WebApplicationException e, int status) {
        return switch (status) {
            case 401 -> "credentials are required";
            case 403 -> "your role does not allow this request";
            case 404 -> "no resource at this address";
            case 405 -> "this method is not allowed here";
            case 406 -> "no acceptable representation; this API answers application/json";
            case 413 -> e.getMessage();
            case 415 -> "unsupported media type; send application/json";
            default -> status >= 500 ? "the server could not answer" : e.getMessage();
        };
    }
}
