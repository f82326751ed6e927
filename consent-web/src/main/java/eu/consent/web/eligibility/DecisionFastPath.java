package eu.consent.web.eligibility;

import eu.consent.eligibility.DecisionService;
import eu.consent.eligibility.DecisionUnavailableException;
import eu.consent.operations.ServiceMetrics;
import eu.consent.shared.DomainException;
import eu.consent.web.json.JsonBodyReader;
import eu.consent.web.problem.DomainExceptionMapper;
import eu.consent.web.problem.HeaderSyntaxFilter;
import eu.consent.web.problem.UnavailableMapper;
import eu.consent.web.problem.UnexpectedExceptionMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers the plain single decision — the hottest request of the service — in front of JAX-RS, with the same answer
 * {@link DecisionResource#decide} gives. A suspended JAX-RS request costs RESTEasy a JNDI look-up of its scheduler when
 * it suspends and a pass through its response filters and writers when it resumes: JFR put the two at a third of a
 * decision's CPU (README, "How a decision is answered").
 *
 * <p>Only a request with nothing to refuse or negotiate is answered here: a POST without a query (the operation takes
 * no parameter, an unknown one is refused) of {@code application/json} with a
 * declared length within the body limit (and 16 KiB), accepting JSON (or saying nothing), from a caller in one of the roles of
 * {@code decide}, with no browser origin headers, whose body is a well-formed, valid decision request. Anything else —
 * and every error found before the decision starts — goes on to JAX-RS with the body as it came, so refusals, field
 * errors, 406, 415, 413 and the cross-site check keep their one implementation. A decision that fails later (the
 * database does not answer) gets the problem the JAX-RS exception mapper of that failure writes.
 */
@WebFilter(urlPatterns = "/api/v1/decisions", asyncSupported = true)
public class DecisionFastPath extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = Logger.getLogger(DecisionFastPath.class.getName());

    /** The roles {@code decide} admits, read from the resource so that the two never differ. */
    private static final List<String> ROLES = rolesOfDecide();

    /** A decision's body is a few hundred bytes: a larger one, within the body limit or not, is JAX-RS's to read. */
    static final int LARGEST_PLAIN_BODY = 16_384;

    @Inject
    transient DecisionService decisions;

    @Inject
    transient ServiceMetrics metrics;

    @Inject
    @ConfigProperty(name = "consent.api.max-body-bytes", defaultValue = "1048576")
    long limit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!plain(request)) {
            chain.doFilter(request, response);
            return;
        }
        // A coded body (gzip) declares no length once decoded (BodyCoding): it is not plain, and JAX-RS reads it.
        byte[] body;
        try {
            body = request.getInputStream().readNBytes((int) request.getContentLengthLong());
        } catch (java.io.EOFException cutShort) {
            // The client closed before sending what it declared: the 400 every other endpoint gives (review 41).
            write(response, problem(new java.io.UncheckedIOException(cutShort)));
            return;
        }
        long start = System.nanoTime();
        CompletableFuture<DecisionView> view;
        try {
            DecisionRequest input = (DecisionRequest)
                    JsonBodyReader.bind(JsonBodyReader.parse(JsonBodyReader.text(body)), DecisionRequest.class);
            view = DecisionAnswer.of(decisions.decideOneAsync(input.toCommand()), metrics, start);
        } catch (RuntimeException refused) {
            // JAX-RS reads the same bytes again and answers the error as it always has
            chain.doFilter(new Replayed(request, body), response);
            return;
        }
        if (view.isDone()) {
            answer(response, view);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // as JAX-RS's suspension: the decision fails itself past consent.decisions.timeout
        view.whenComplete((done, failure) -> {
            try {
                answer(response, view);
            } catch (IOException gone) {
                // the client went away; a decision changes nothing, so nothing is lost
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a decision's answer could not be written", e);
            } finally {
                async.complete();
            }
        });
    }

    /** True when JAX-RS would have nothing to refuse, negotiate or check before the body is read. */
    boolean plain(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        return "POST".equals(request.getMethod())
                && request.getQueryString() == null
                && "application/json".equalsIgnoreCase(request.getContentType())
                && length > 0
                && length <= Math.min(limit, LARGEST_PLAIN_BODY)
                && acceptsJson(request.getHeader("Accept"))
                && request.getHeader("Origin") == null
                && request.getHeader("Sec-Fetch-Site") == null
                && request.getHeader("Idempotency-Key") == null
                && inRole(request);
    }

    static boolean acceptsJson(String accept) {
        if (accept == null) {
            return true;
        }
        String type = accept.strip().toLowerCase(Locale.ROOT);
        return type.equals("*/*") || type.equals("application/json");
    }

    private static boolean inRole(HttpServletRequest request) {
        for (String role : ROLES) {
            if (request.isUserInRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** Writes the decision's view, or the problem JAX-RS would answer for its failure. */
    void answer(HttpServletResponse response, CompletableFuture<DecisionView> view) throws IOException {
        Response failed;
        try {
            byte[] json = DecisionViewWriter.json(view.join()).getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setContentType("application/json");
            response.setContentLength(json.length);
            response.getOutputStream().write(json);
            return;
        } catch (RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.reset(); // never an empty 200: whatever failed is answered as JAX-RS answers it
            HeaderSyntaxFilter.guard(response);
            failed = problem(DecisionService.cause(e));
        }
        write(response, failed);
    }

    /** The answer JAX-RS gives to the same failure of {@code decide}: its exception mappers' own. */
    static Response problem(Throwable failure) {
        if (failure instanceof DecisionUnavailableException unavailable) {
            return new UnavailableMapper().toResponse(unavailable);
        }
        if (failure instanceof DomainException domain) {
            return new DomainExceptionMapper().toResponse(domain);
        }
        return new UnexpectedExceptionMapper().toResponse(failure);
    }

    /** Writes a problem response (a text entity) as JAX-RS would. */
    private static void write(HttpServletResponse response, Response problem) throws IOException {
        response.setStatus(problem.getStatus());
        problem.getStringHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        byte[] json = String.valueOf(problem.getEntity()).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    private static List<String> rolesOfDecide() {
        try {
            return List.of(DecisionResource.class
                    .getMethod("decide", DecisionRequest.class)
                    .getAnnotation(RolesAllowed.class)
                    .value());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("DecisionResource.decide(DecisionRequest) is gone", e);
        }
    }

    /** The request with its body already read, for JAX-RS to read again. */
    static final class Replayed extends HttpServletRequestWrapper {

        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return bytes.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already; it is replayed synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
