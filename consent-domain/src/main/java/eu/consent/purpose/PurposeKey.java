package eu.consent.purpose;

import java.util.Objects;

/**
 * The key that names a purpose ({@code newsletter}), as commands carry it: a type of its own so that a purpose key is
 * never passed where a channel or a contact id was meant. Whether a purpose of that key exists is the service's check.
 */
public record PurposeKey(String value) {

    public PurposeKey {
        Objects.requireNonNull(value, "a purpose key");
    }

    public static PurposeKey of(Purpose purpose) {
        return new PurposeKey(purpose.key());
    }

    @Override
    public String toString() {
        return value;
    }
}
