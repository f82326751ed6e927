package eu.consent.web.openapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What JAX-RS itself answers at an endpoint (a path and a verb, which may be served by several methods, one per
 * representation), read from the annotations it matches requests with: the media types it produces, so whether an
 * {@code Accept} it cannot satisfy gets a 406, and whether a body of another type gets a 415.
 */
final class Endpoints {

    private static final List<Class<? extends Annotation>> NOT_THE_BODY = List.of(
            PathParam.class,
            QueryParam.class,
            HeaderParam.class,
            CookieParam.class,
            MatrixParam.class,
            FormParam.class,
            Context.class,
            jakarta.ws.rs.BeanParam.class);

    private Endpoints() {}

    /** The methods serving the same path and verb as {@code m}, {@code m} first. */
    static List<Method> siblings(Method m) {
        List<Method> all = new java.util.ArrayList<>(List.of(m));
        for (Method other : m.getDeclaringClass().getMethods()) {
            if (!other.equals(m) && sameEndpoint(m, other)) {
                all.add(other);
            }
        }
        return all;
    }

    /** Every type the endpoint answers with, in the order its methods declare them; empty when none is declared. */
    static Set<String> produced(Method m) {
        Set<String> types = new LinkedHashSet<>();
        for (Method sibling : siblings(m)) {
            Produces produces = sibling.isAnnotationPresent(Produces.class)
                    ? sibling.getAnnotation(Produces.class)
                    : sibling.getDeclaringClass().getAnnotation(Produces.class);
            if (produces != null) {
                Arrays.stream(produces.value())
                        .flatMap(v -> Arrays.stream(v.split(",")))
                        .map(String::strip)
                        .forEach(types::add);
            }
        }
        return types;
    }

    /**
     * Whether JAX-RS answers 406 to an {@code Accept} that names none of the endpoint's types: it does unless a method
     * declares none (any type) or {@code *}{@code /*}.
     */
    static boolean refusesOtherAccept(Method m) {
        Set<String> types = produced(m);
        return !types.isEmpty() && !types.contains(MediaType.WILDCARD);
    }

    /**
     * Whether a body of a type the method does not read gets a 415: always, unless it takes any type
     * ({@code *}{@code /*}) as raw bytes or text, which it then reads itself (the one-click unsubscribe).
     */
    static boolean refusesOtherTypes(Method m) {
        Consumes consumes = m.isAnnotationPresent(Consumes.class)
                ? m.getAnnotation(Consumes.class)
                : m.getDeclaringClass().getAnnotation(Consumes.class);
        boolean anyType = consumes == null || Arrays.asList(consumes.value()).contains(MediaType.WILDCARD);
        return !(anyType && rawBody(m));
    }

    /**
     * Whether the method says itself that it takes any body and nothing more specific ({@code @Consumes("*}{@code /*")}
     * alone, a raw body): the one-click, which reads what its form holds and refuses no type nor size.
     */
    static boolean takesAnyBody(Method m) {
        Consumes consumes = m.getAnnotation(Consumes.class);
        return consumes != null && Arrays.asList(consumes.value()).equals(List.of(MediaType.WILDCARD)) && rawBody(m);
    }

    private static boolean rawBody(Method m) {
        for (Parameter p : m.getParameters()) {
            boolean body = NOT_THE_BODY.stream().noneMatch(p::isAnnotationPresent);
            if (body) {
                Class<?> type = p.getType();
                return InputStream.class.isAssignableFrom(type)
                        || Reader.class.isAssignableFrom(type)
                        || type == byte[].class
                        || type == String.class;
            }
        }
        return false;
    }

    private static boolean sameEndpoint(Method a, Method b) {
        jakarta.ws.rs.Path pa = a.getAnnotation(jakarta.ws.rs.Path.class);
        jakarta.ws.rs.Path pb = b.getAnnotation(jakarta.ws.rs.Path.class);
        boolean samePath = pa == null ? pb == null : pb != null && pa.value().equals(pb.value());
        return samePath
                && Arrays.stream(a.getAnnotations())
                        .map(Annotation::annotationType)
                        .filter(t -> t.isAnnotationPresent(jakarta.ws.rs.HttpMethod.class))
                        .anyMatch(b::isAnnotationPresent);
    }
}
