package eu.consent.shared;

import java.util.Map;

/** The request is valid but conflicts with the current state; {@code extra} adds machine-readable members. */
public final class ConflictException extends DomainException {

    private final Map<String, Object> extra;

    public ConflictException(String message) {
        this(message, Map.of());
    }

    public ConflictException(String message, Map<String, Object> extra) {
        super(message);
        this.extra = Map.copyOf(extra);
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
