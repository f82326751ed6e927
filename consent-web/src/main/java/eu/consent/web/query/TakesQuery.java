package eu.consent.web.query;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query parameters an operation reads from its {@code UriInfo} beyond the ones it names with {@code @QueryParam}
 * or documents with an OpenAPI {@code @Parameter}: families of names under a prefix ({@code attr.<name>}), or every
 * name when the operation refuses unknown ones itself with a more precise answer (a job's parameters, per job).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TakesQuery {

    /** Prefixes of parameter families, such as {@code attr.}: a name is the prefix and at least one more character. */
    String[] prefixes() default {};

    /** True when the operation itself refuses each name it does not take. */
    boolean checksNames() default false;
}
