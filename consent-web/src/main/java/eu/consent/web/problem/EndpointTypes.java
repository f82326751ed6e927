package eu.consent.web.problem;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which media types the resource methods at a path declare, read from the resources' annotations: what a 415 tells the
 * client to send instead, and a 406 to ask for instead (JAX-RS refuses the type before a method is chosen, so it
 * cannot say).
 */
final class EndpointTypes {

    /** One resource method: its HTTP method, path, declared types, and roles ({@code null}: open to every caller). */
    private record Endpoint(
            String httpMethod, Pattern path, List<String> consumes, List<String> produces, List<String> roles) {}

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})+))?}");
    private static volatile List<Endpoint> endpoints;

    private EndpointTypes() {}

    /** The body types the methods answering {@code httpMethod} at {@code path} take, sorted; empty if none. */
    static Set<String> consumed(String httpMethod, String path) {
        return declared(httpMethod, path, Endpoint::consumes);
    }

    /** The types the methods answering {@code httpMethod} at {@code path} answer with, sorted; empty if none. */
    static Set<String> produced(String httpMethod, String path) {
        return declared(httpMethod, path, Endpoint::produces);
    }

    /**
     * The roles that may use some method answering {@code httpMethod} at {@code path}, whatever body or answer type it
     * takes; empty when no method answers there or one of them is open to every caller (nothing to refuse up front).
     */
    static Optional<Set<String>> roles(String httpMethod, String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        Set<String> roles = new TreeSet<>();
        for (Endpoint e : endpoints()) {
            if (e.httpMethod().equals(httpMethod) && e.path().matcher(p).matches()) {
                if (e.roles() == null) {
                    return Optional.empty();
                }
                roles.addAll(e.roles());
            }
        }
        return roles.isEmpty() ? Optional.empty() : Optional.of(roles);
    }

    private static Set<String> declared(
            String httpMethod, String path, java.util.function.Function<Endpoint, List<String>> types) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        Set<String> found = new TreeSet<>();
        for (Endpoint e : endpoints()) {
            if (e.httpMethod().equals(httpMethod) && e.path().matcher(p).matches()) {
                found.addAll(types.apply(e));
            }
        }
        return found;
    }

    private static List<Endpoint> endpoints() {
        List<Endpoint> known = endpoints;
        if (known == null) {
            known = scan();
            endpoints = known;
        }
        return known;
    }

    private static List<Endpoint> scan() {
        List<Endpoint> found = new ArrayList<>();
        for (Bean<?> bean : CDI.current().getBeanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : type.getMethods()) {
                String verb = httpMethod(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String template = trim(root.value()) + (sub == null ? "" : "/" + trim(sub.value()));
                Consumes consumes = m.isAnnotationPresent(Consumes.class)
                        ? m.getAnnotation(Consumes.class)
                        : type.getAnnotation(Consumes.class);
                Produces produces = m.isAnnotationPresent(Produces.class)
                        ? m.getAnnotation(Produces.class)
                        : type.getAnnotation(Produces.class);
                RolesAllowed roles = m.isAnnotationPresent(RolesAllowed.class)
                        ? m.getAnnotation(RolesAllowed.class)
                        : m.isAnnotationPresent(PermitAll.class) ? null : type.getAnnotation(RolesAllowed.class);
                found.add(new Endpoint(
                        verb,
                        regex(trim(template)),
                        consumes == null ? List.of() : List.of(consumes.value()),
                        produces == null ? List.of() : List.of(produces.value()),
                        roles == null ? null : List.of(roles.value())));
            }
        }
        return List.copyOf(found);
    }

    /** The HTTP method a resource method answers (its {@code @GET}, {@code @POST}…), or null for a sub-resource. */
    static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = TEMPLATE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(m.group(1) == null ? "[^/]+" : "(?:" + m.group(1).strip() + ")");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append("/?");
        return Pattern.compile(regex.toString());
    }

    private static String trim(String path) {
        String p = path.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
