package eu.consent.web.problem;

import jakarta.ws.rs.BadRequestException;

/** The body is not JSON at all (a syntax error, or empty): a 400, unlike a valid document that breaks a rule. */
public class MalformedJsonException extends BadRequestException {

    public MalformedJsonException(String detail) {
        super(detail);
    }
}
