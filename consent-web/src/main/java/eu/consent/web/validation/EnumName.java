package eu.consent.web.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The exact name of a constant of {@link #value()}; null is valid (pair with {@code @NotNull}). The error lists the
 * accepted names, so that a client learns them from the answer.
 */
@Retention(RUNTIME)
@Target({FIELD, RECORD_COMPONENT})
@Constraint(validatedBy = EnumNameValidator.class)
public @interface EnumName {

    Class<? extends Enum<?>> value();

    /** Constants that are valid names but not offered to clients (another rule refuses them with its reason). */
    String[] unlisted() default {};

    String message() default "must be one of the accepted values";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
