package eu.consent.web.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.openapi.models.PathItem;

/** Finds the resource method behind an operation id of the form {@code Class_method} (the CLASS_METHOD strategy). */
final class JavaMethods {

    private JavaMethods() {}

    static Optional<Method> of(String operationId, PathItem.HttpMethod verb) {
        if (operationId == null || operationId.indexOf('_') < 0) {
            return Optional.empty();
        }
        String simpleName = operationId.substring(0, operationId.indexOf('_'));
        String methodName = operationId.substring(operationId.indexOf('_') + 1);
        Class<? extends Annotation> verbAnnotation = TruthFilter.annotationOf(verb);
        ClassLoader loader = JavaMethods.class.getClassLoader();
        return Arrays.stream(loader.getDefinedPackages())
                .map(Package::getName)
                .filter(name -> name.startsWith("eu.consent.web"))
                .map(name -> load(name + "." + simpleName, loader))
                .flatMap(Optional::stream)
                .flatMap(c -> Arrays.stream(c.getMethods()))
                .filter(m -> m.getName().equals(methodName)
                        && (verbAnnotation == null || m.isAnnotationPresent(verbAnnotation)))
                .findFirst();
    }

    private static Optional<Class<?>> load(String name, ClassLoader loader) {
        try {
            return Optional.of(Class.forName(name, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
