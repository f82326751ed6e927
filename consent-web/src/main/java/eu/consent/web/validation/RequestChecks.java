package eu.consent.web.validation;

import eu.consent.shared.FieldError;
import eu.consent.shared.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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
        return check(request, more -> {});
    }

    /**
     * As {@link #check(Record)}, with the rules no annotation can state (a domain parser such as an email's, the
     * clock) added by {@code more} and listed at their field's place, after that field's annotated errors.
     */
    public <R extends Record> Violations check(R request, Consumer<Violations> more) {
        List<String> order = Arrays.stream(request.getClass().getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
        List<FieldError> errors = new ArrayList<>();
        validator.validate(request).stream()
                .sorted(Comparator.comparingInt((ConstraintViolation<R> c) -> position(order, path(c)))
                        .thenComparing(RequestChecks::path))
                .forEach(c -> errors.add(new FieldError(path(c), c.getMessage())));
        Violations extra = new Violations();
        more.accept(extra);
        errors.addAll(extra.errors());
        Violations v = new Violations();
        errors.stream() // a stable sort: each field's errors keep the order they were found in
                .sorted(Comparator.comparingInt(e -> position(order, e.field())))
                .forEach(e -> v.add(e.field(), e.message()));
        return v;
    }

    /**
     * Checks each element of a batch body (an array of objects): its errors named by its index ({@code [2].email}), a
     * null element as one error, an absent or empty batch as an error on {@code body}.
     */
    public <R extends Record> Violations checkEach(
            List<R> batch, String emptyMessage, String nullMessage, BiConsumer<R, Violations> more) {
        Violations v = new Violations();
        if (batch == null || batch.isEmpty()) {
            return v.add("body", emptyMessage);
        }
        for (int i = 0; i < batch.size(); i++) {
            R element = batch.get(i);
            String at = "[" + i + "]";
            if (element == null) {
                v.add(at, nullMessage);
                continue;
            }
            check(element, extra -> more.accept(element, extra))
                    .errors()
                    .forEach(e -> v.add(at + "." + e.field(), e.message()));
        }
        return v;
    }

    private static String path(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString();
    }

    private static int position(List<String> order, String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        int at = order.indexOf(path.substring(0, end));
        return at < 0 ? order.size() : at;
    }
}
