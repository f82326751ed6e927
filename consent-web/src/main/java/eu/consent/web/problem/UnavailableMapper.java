package eu.consent.web.problem;

import eu.consent.eligibility.DecisionUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLTimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A decision the database could not back: 503 with Retry-After, never an "allowed" by default (fail closed). */
@Provider
public class UnavailableMapper implements ExceptionMapper<DecisionUnavailableException> {

    private static final Logger LOG = Logger.getLogger(UnavailableMapper.class.getName());

    @Override
    public Response toResponse(DecisionUnavailableException e) {
        LOG.log(Level.WARNING, "a decision failed closed", e);
        return Response.fromResponse(Problem.of(
                                "unavailable",
                                503,
                                "Service Unavailable",
                                (e.getCause() instanceof SQLTimeoutException late
                                                ? late.getMessage()
                                                : "the database does not answer")
                                        + "; no decision can be given, so nothing may be sent")
                        .response())
                .header("Retry-After", "5")
                .build();
    }
}
