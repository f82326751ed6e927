package eu.consent.web.guard;

import eu.consent.shared.FieldError;
import eu.consent.shared.InvalidInputException;
import eu.consent.web.json.JsonBodyReader;
import eu.consent.web.problem.BodyTooLargeException;
import eu.consent.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A write to an endpoint that declares no body type (starting a job, a stop, a delete) takes no body, or a JSON one
 * that says nothing.
 * JAX-RS lets such a method accept any type, so an HTML form (form-encoded, multipart or text/plain, the types a
 * browser sends from another site without asking) would reach it; declared types are enforced by JAX-RS itself.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class DeclaredMediaTypeFilter implements ContainerRequestFilter {

    /** The most of a body this filter reads to see that it says nothing. */
    static final int MAX_IGNORED_BODY = 64 * 1024;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null
                || method.isAnnotationPresent(GET.class)
                || method.isAnnotationPresent(HEAD.class)
                || method.isAnnotationPresent(OPTIONS.class)) {
            return;
        }
        MediaType sent = request.getMediaType();
        // Whatever the class declares it consumes: an operation that reads no body refuses one that says something.
        if (!readsItsBody(method) && (sent == null || MediaType.APPLICATION_JSON_TYPE.isCompatible(sent))) {
            readsNothing(request);
            return;
        }
        if (sent == null
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

    /** What {@link #readsItsBody} found for each resource method: it reflects on annotations copied at each call. */
    private static final Map<Method, Boolean> READS_ITS_BODY = new ConcurrentHashMap<>();

    /** Whether the method takes its body as a parameter (one JAX-RS does not fill from the request's parts). */
    private static boolean readsItsBody(Method method) {
        return READS_ITS_BODY.computeIfAbsent(method, DeclaredMediaTypeFilter::takesABodyParameter);
    }

    private static boolean takesABodyParameter(Method method) {
        for (java.lang.annotation.Annotation[] annotations : method.getParameterAnnotations()) {
            boolean bound = false;
            for (java.lang.annotation.Annotation a : annotations) {
                bound |= a.annotationType().getPackageName().equals("jakarta.ws.rs")
                        || a.annotationType().getPackageName().equals("jakarta.ws.rs.core");
            }
            if (!bound) {
                return true;
            }
        }
        return false;
    }

    /**
     * A JSON body such an endpoint would ignore is refused rather than dropped: a client sending a job's parameters
     * as {@code {"retentionMonths":1200}} would otherwise see 202 and a run with the defaults. No body, blanks or
     * {@code {}} pass; malformed JSON is a 400; anything else a 422 naming what would have been ignored.
     */
    private static void readsNothing(ContainerRequestContext request) {
        byte[] body;
        try {
            body = request.getEntityStream().readNBytes(MAX_IGNORED_BODY + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_IGNORED_BODY) {
            throw new BodyTooLargeException(MAX_IGNORED_BODY);
        }
        request.setEntityStream(new ByteArrayInputStream(body));
        String text = JsonBodyReader.text(body);
        if (text.isBlank()) {
            return;
        }
        JsonValue value = JsonBodyReader.parse(text);
        if (value instanceof JsonObject object) {
            if (object.isEmpty()) {
                return;
            }
            List<FieldError> errors = new ArrayList<>();
            object.keySet()
                    .forEach(name -> errors.add(new FieldError(
                            name,
                            "is not read: this operation takes no body (its parameters, if any, go in the query)")));
            throw new InvalidInputException(errors);
        }
        throw new InvalidInputException("body", "must be empty: this operation takes no body");
    }
}
