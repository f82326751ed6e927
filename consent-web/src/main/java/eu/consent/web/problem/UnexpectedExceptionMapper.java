package eu.consent.web.problem;

import eu.consent.shared.SqlStates;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything unexpected: a 500 whose id is in the log next to the stack trace, and only the id in the answer. Two kinds of
 * database failure are the request's bad luck rather than the server's fault, and say so: a constraint another request
 * satisfied first (two creations of the same purpose at once) is a 409, and a deadlock, lock time-out or lost
 * connection a 503 with {@code Retry-After}. Their transaction was rolled back either way.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    /** The 400's words for a body that ended before its declared length. */
    public static final String CUT_SHORT =
            "the request body ended before the length it declared (the connection closed): nothing was changed";

    /** Whether {@code e}, or what caused it, is a body that ended before its declared length. */
    public static boolean cutShort(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 20; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                return false; // the database's connection, not the client's body
            }
            if (t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    /** The 400's words for a multipart body whose parts cannot be found. */
    public static final String MULTIPART_UNREAD =
            "the multipart/form-data body cannot be read: its Content-Type names no"
                    + " boundary, or the body does not hold the parts it names; nothing was changed";

    /** Whether {@code e} is the multipart reader's refusal of a body (an I/O failure thrown by the reader itself). */
    static boolean multipartUnread(Throwable e) {
        return e instanceof java.io.IOException
                && e.getCause() == null
                && e.getStackTrace().length > 0
                && e.getStackTrace()[0].getClassName().startsWith("org.jboss.resteasy.plugins.providers.multipart.");
    }

    /** The 408's words for a body that stopped arriving. */
    public static final String TIMED_OUT =
            "the request body stopped arriving before the length it declared, and the server stopped waiting: nothing"
                    + " was changed; send it again";

    /**
     * Whether {@code e}, or what caused it, is the server's own wait for the client's body that ran out (Liberty's
     * inbound channel times a read out after 60 s): the client's request, not our failure. A time-out of the database's
     * connection is not (it sits under an {@code SQLException}), nor one of a call the server makes (its frames are not
     * the inbound channel's).
     */
    public static boolean bodyTimedOut(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 20; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                return false;
            }
            if (t instanceof java.net.SocketTimeoutException) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    String at = frame.getClassName();
                    if (at.startsWith("com.ibm.ws.tcpchannel")
                            || at.startsWith("com.ibm.ws.http.channel")
                            || at.startsWith("com.ibm.ws.webcontainer")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public Response toResponse(Throwable e) {
        String id = UUID.randomUUID().toString();
        if (bodyTimedOut(e)) {
            // A body that stopped arriving, compressed or not: the client's request (until 2026-12-08 a 500 with an
            // ERROR and an FFDC incident per stalled client, tester BK's F12; a compressed one read as broken, a 400).
            LOG.log(Level.FINE, "a request body stopped arriving", e);
            return Response.fromResponse(Problem.ofStatus(408, TIMED_OUT).response())
                    .header("Connection", "close")
                    .build();
        }
        if (BodyCoding.broken(e)) {
            return Problem.ofStatus(400, BodyCoding.BROKEN).response();
        }
        if (SqlStates.isConstraint(e)) {
            LOG.log(Level.WARNING, "a concurrent change came first, problem instance " + id, e);
            return Problem.of(
                            "conflict",
                            409,
                            "Conflict",
                            "another request created or changed the same record at the same moment; nothing of this"
                                    + " one was kept: read the current state before trying again")
                    .with("instance", "urn:uuid:" + id)
                    .response();
        }
        if (SqlStates.isTransient(e)) {
            LOG.log(Level.WARNING, "the database could not serve a request now, problem instance " + id, e);
            return Response.fromResponse(Problem.of(
                                    "unavailable",
                                    503,
                                    "Service Unavailable",
                                    "the database could not complete this request now (" + reason(SqlStates.of(e))
                                            + "); nothing of it was kept: try again")
                            .with("instance", "urn:uuid:" + id)
                            .response())
                    .header("Retry-After", "1")
                    .build();
        }
        if (multipartUnread(e)) {
            // A multipart body whose parts cannot be found (no boundary named): the client's request (tester BK's F4:
            // the console's upload so sent was a 500 until 2026-12-08).
            return Problem.ofStatus(400, MULTIPART_UNREAD).response();
        }
        if (cutShort(e)) {
            // The client closed before sending what it declared: its request, not our failure (a 500 with an incident
            // on every page and endpoint until 2026-12-07, tester AP's F13). After the database's own failures: a
            // lost database connection is an EOF too, and stays a 503 (review 41).
            return Problem.ofStatus(400, CUT_SHORT).response();
        }
        LOG.log(Level.SEVERE, "unexpected failure, problem instance " + id, e);
        return Problem.of(
                        "internal",
                        500,
                        "Internal Server Error",
                        "an unexpected error occurred; quote instance " + id + " to the operators")
                .with("instance", "urn:uuid:" + id)
                .response();
    }

    private static String reason(String state) {
        return state.startsWith("08") ? "its connection failed" : "a conflicting change held the same rows";
    }
}
