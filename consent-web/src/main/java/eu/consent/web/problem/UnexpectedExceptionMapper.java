package eu.consent.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Anything unexpected: a 500 whose id is in the log next to the stack trace, and only the id in the answer. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected failure, problem instance " + id, e);
        return Problem.of(
                        "internal",
                        500,
                        "Internal Server Error",
                        "an unexpected error occurred; quote instance " + id + " to the operators")
                .with("instance", "urn:uuid:" + id)
                .response();
    }
}
