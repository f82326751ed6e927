package eu.consent.shared;

import java.util.ArrayList;
import java.util.List;

/** Collects the broken rules of one input so that the caller learns all of them in one answer. */
public final class Violations {

    private final List<FieldError> errors = new ArrayList<>();

    public Violations add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public <T> T require(String field, T value) {
        if (value == null) {
            add(field, "is required");
        }
        return value;
    }

    /** The broken rules so far, in the order they were found. */
    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws when any rule was broken; call once all fields were checked. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** Parses an enum constant by its exact name, recording a violation that lists the accepted values. */
    public <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            add(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }
}
