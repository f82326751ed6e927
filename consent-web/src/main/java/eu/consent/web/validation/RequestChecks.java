package eu.consent.web.validation;

import eu.consent.shared.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Validates a request record with Bean Validation and returns its broken constraints as field errors, ordered as the
 * record declares its components (Bean Validation reports them in no order, and the answers list fields as the body
 * reads). The caller may add the checks no annotation states, then throws once.
 */
@ApplicationScoped
public class RequestChecks {

    @Inject
    Validator validator;

    public <R extends Record> Violations check(R request) {
        List<String> order = Arrays.stream(request.getClass().getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
        Violations v = new Violations();
        validator.validate(request).stream()
                .sorted(Comparator.comparingInt((ConstraintViolation<R> c) -> position(order, c))
                        .thenComparing(c -> c.getPropertyPath().toString()))
                .forEach(c -> v.add(c.getPropertyPath().toString(), c.getMessage()));
        return v;
    }

    private static int position(List<String> order, ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int dot = path.indexOf('.');
        int at = order.indexOf(dot < 0 ? path : path.substring(0, dot));
        return at < 0 ? order.size() : at;
    }
}
