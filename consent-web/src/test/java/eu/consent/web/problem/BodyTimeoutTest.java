package eu.consent.web.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Tester BK's F12: a request body that stops arriving is the client's request timed out (408), not a 500. */
class BodyTimeoutTest {

    private static SocketTimeoutException timedOutIn(String className) {
        SocketTimeoutException e =
                new SocketTimeoutException("Socket operation timed out before it could be completed");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(className, "read", "X.java", 1),
            new StackTraceElement("org.jboss.resteasy.core.MessageBodyParameterInjector", "inject", "Y.java", 2)
        });
        return e;
    }

    @Test
    void theInboundChannelsWaitForABodyIsTheClients() {
        // as Liberty 26.0.0.3 throws it: from its TCP channel's selector, wrapped by whoever read the body
        SocketTimeoutException read = timedOutIn("com.ibm.ws.tcpchannel.internal.SocketRWChannelSelector");
        assertTrue(UnexpectedExceptionMapper.bodyTimedOut(read));
        assertTrue(UnexpectedExceptionMapper.bodyTimedOut(new UncheckedIOException(new IOException(read))));
        assertTrue(UnexpectedExceptionMapper.bodyTimedOut(timedOutIn("com.ibm.ws.webcontainer.srt.SRTInputStream")));
    }

    @Test
    void aTimeOutOfTheDatabaseOrOfACallTheServerMakesIsNot() {
        SocketTimeoutException db = timedOutIn("com.ibm.ws.http.channel.internal.inbound.Anything");
        assertFalse(UnexpectedExceptionMapper.bodyTimedOut(new IllegalStateException(new SQLException("read", db))));
        assertFalse(UnexpectedExceptionMapper.bodyTimedOut(timedOutIn("java.net.http.HttpClient")));
        assertFalse(UnexpectedExceptionMapper.bodyTimedOut(new IOException("connection reset")));
    }

    /** Tester BK's F4: the multipart reader's own refusal (no boundary) is the client's request, a 400. */
    @Test
    void theMultipartReadersRefusalIsTheClients() {
        IOException noBoundary = new IOException("RESTEASY007550: Unable to get boundary for multipart");
        noBoundary.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(
                    "org.jboss.resteasy.plugins.providers.multipart.MultipartEntityPartReader",
                    "readFrom",
                    "M.java",
                    71)
        });
        assertTrue(UnexpectedExceptionMapper.multipartUnread(noBoundary));
        assertFalse(UnexpectedExceptionMapper.multipartUnread(new IOException("disk full")));
    }
}
