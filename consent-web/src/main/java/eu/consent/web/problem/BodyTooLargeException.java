package eu.consent.web.problem;

import jakarta.ws.rs.WebApplicationException;

/** A request body over the configured limit: refused with 413 before or while it is read. */
public class BodyTooLargeException extends WebApplicationException {

    public BodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes", 413);
    }
}
