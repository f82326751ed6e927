package eu.consent.web.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * A client that accepts only {@code application/problem+json} on the API is asking for our errors, not refusing our
 * answers: a generated client sends exactly that to an operation whose success has no body (a 204, a 202), since
 * problems are all the document lists content for. Such a request is not turned away with a 406: whatever the operation
 * answers on success is accepted too, at the lowest preference.
 */
@Provider
@PreMatching
public class ProblemAcceptFilter implements ContainerRequestFilter {

    private static final String PROBLEM = "application/problem+json";

    @Override
    public void filter(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null
                || !request.getUriInfo().getPath().startsWith("api/")
                        && !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        boolean onlyProblems = true;
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (!type.isEmpty() && !type.equals(PROBLEM)) {
                onlyProblems = false;
            }
        }
        if (onlyProblems) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", */*;q=0.01");
        }
    }
}
