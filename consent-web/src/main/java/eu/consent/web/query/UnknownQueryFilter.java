package eu.consent.web.query;

import eu.consent.shared.FieldError;
import eu.consent.shared.InvalidInputException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Refuses, on {@code /api/v1}, a query parameter the matched operation does not take: 422 naming it and listing what
 * the operation takes. JAX-RS ignores unknown names, so {@code ?stat=GRANTED} for {@code ?state=GRANTED} exported
 * everyone. And one that takes a single value given twice: JAX-RS reads the first, so a sending tool that appended its
 * own {@code &channel=SMS} to a bulk decision's URL got the EMAIL answers (until 2026-12-06). Runs after authentication and role checks (a stranger learns nothing) and before the idempotency filter
 * (a refused request is neither kept nor replayed). The recipients' pages and the console are not concerned.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class UnknownQueryFilter implements ContainerRequestFilter {

    private static final String API = "api/v1";

    /** What each operation takes, read once from its annotations. */
    private static final Map<Method, Taken> TAKEN = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || !onTheApi(method.getDeclaringClass())) {
            return;
        }
        Map<String, List<String>> query = request.getUriInfo().getQueryParameters();
        if (query.isEmpty()) {
            return;
        }
        Taken taken = TAKEN.computeIfAbsent(method, Taken::of);
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (!taken.takes(name)) {
                errors.add(new FieldError(name, taken.refusal()));
            } else if (parameter.getValue().size() > 1) {
                errors.add(new FieldError(
                        name, "is given " + parameter.getValue().size() + " times; this operation takes one value"));
            } else if (parameter.getValue().get(0).indexOf('\u0000') >= 0) {
                // No value holds a NUL, and PostgreSQL cannot compare with one (tester AO's F3, until 2026-12-07).
                errors.add(new FieldError(name, "holds the character U+0000 (%00), which is not text"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static boolean onTheApi(Class<?> type) {
        Path path = type.getAnnotation(Path.class);
        if (path == null) {
            return false;
        }
        String p = path.value().startsWith("/") ? path.value().substring(1) : path.value();
        return p.equals(API) || p.startsWith(API + "/");
    }

    /** The names and families of names an operation takes; {@code any} when it checks names itself. */
    record Taken(Set<String> names, List<String> prefixes, boolean any) {

        static Taken of(Method method) {
            TakesQuery declared = method.getAnnotation(TakesQuery.class);
            Set<String> names = new TreeSet<>();
            for (Annotation[] annotations : method.getParameterAnnotations()) {
                for (Annotation a : annotations) {
                    if (a instanceof QueryParam q) {
                        names.add(q.value());
                    }
                }
            }
            for (Field field : method.getDeclaringClass().getDeclaredFields()) {
                QueryParam q = field.getAnnotation(QueryParam.class);
                if (q != null) {
                    names.add(q.value());
                }
            }
            for (Parameter p : method.getAnnotationsByType(Parameter.class)) {
                if (p.in() == ParameterIn.QUERY && !p.name().isEmpty()) {
                    names.add(p.name());
                }
            }
            return new Taken(
                    Set.copyOf(names),
                    declared == null ? List.of() : List.of(declared.prefixes()),
                    declared != null && declared.checksNames());
        }

        boolean takes(String name) {
            if (any || names.contains(name)) {
                return true;
            }
            for (String prefix : prefixes) {
                if (name.startsWith(prefix) && name.length() > prefix.length()) {
                    return true;
                }
            }
            return false;
        }

        String refusal() {
            List<String> listed = new ArrayList<>(new TreeSet<>(names));
            prefixes.forEach(p -> listed.add(p + "<name>"));
            return listed.isEmpty()
                    ? "is not a parameter of this operation, which takes none"
                    : "is not a parameter of this operation (it takes " + String.join(", ", listed) + ")";
        }
    }
}
