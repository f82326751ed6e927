package eu.consent.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Arrays;

/** Checks {@link EnumName}; its message names the constants ({@code must be one of [A, B]}). */
public class EnumNameValidator implements ConstraintValidator<EnumName, String> {

    private Enum<?>[] constants;

    @Override
    public void initialize(EnumName annotation) {
        constants = annotation.value().getEnumConstants();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || Arrays.stream(constants).anyMatch(c -> c.name().equals(value))) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // no user text in the template: only the constants' names, which hold no expression characters
        context.buildConstraintViolationWithTemplate("must be one of " + Arrays.toString(constants))
                .addConstraintViolation();
        return false;
    }
}
