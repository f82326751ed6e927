package eu.consent.web.guard;

import eu.consent.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * A write to an endpoint that declares no body type (starting a job, a stop, a delete) takes no body or JSON only.
 * JAX-RS lets such a method accept any type, so an HTML form (form-encoded, multipart or text/plain, the types a
 * browser sends from another site without asking) would reach it; declared types are enforced by JAX-RS itself.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class DeclaredMediaTypeFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        MediaType sent = request.getMediaType();
        if (method == null
                || sent == null
                || method.isAnnotationPresent(GET.class)
                || method.isAnnotationPresent(HEAD.class)
                || method.isAnnotationPresent(OPTIONS.class)
                || method.isAnnotationPresent(Consumes.class)
                || resource.getResourceClass().isAnnotationPresent(Consumes.class)
                || MediaType.APPLICATION_JSON_TYPE.isCompatible(sent)) {
            return;
        }
        request.abortWith(Problem.ofStatus(
                        415,
                        "received " + sent.getType() + "/" + sent.getSubtype()
                                + "; this endpoint takes no body, or application/json")
                .response());
    }
}
