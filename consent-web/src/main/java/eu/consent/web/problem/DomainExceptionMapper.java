package eu.consent.web.problem;

import eu.consent.shared.ConflictException;
import eu.consent.shared.DomainException;
import eu.consent.shared.InsufficientStorageException;
import eu.consent.shared.InvalidInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The domain's failures: unknown thing → 404, clash with current state → 409, broken rule → 422, an upload the disk
 * must not take → 507.
 */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    /**
     * The status the API answers this failure with, for the console's pages to answer the same: a job execution or a
     * purpose that does not exist is a 404 there too, not a conflict.
     */
    public static int status(DomainException e) {
        if (e instanceof InvalidInputException) {
            return 422;
        }
        if (e instanceof ConflictException) {
            return 409;
        }
        if (e instanceof InsufficientStorageException) {
            return 507;
        }
        return 404;
    }

    @Override
    public Response toResponse(DomainException e) {
        if (e instanceof InvalidInputException invalid) {
            return Problem.of(
                            "invalid-input",
                            422,
                            "Unprocessable Content",
                            "the request breaks " + invalid.errors().size() + " rule(s); see errors")
                    .errors(invalid.errors())
                    .response();
        }
        if (e instanceof ConflictException conflict) {
            return Problem.of("conflict", 409, "Conflict", conflict.getMessage())
                    .with(conflict.extra())
                    .response();
        }
        if (e instanceof InsufficientStorageException) {
            return Problem.of("insufficient-storage", 507, "Insufficient Storage", e.getMessage())
                    .response();
        }
        return Problem.of("not-found", 404, "Not Found", e.getMessage()).response();
    }
}
