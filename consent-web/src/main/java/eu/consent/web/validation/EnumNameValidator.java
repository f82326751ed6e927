package eu.consent.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Arrays;

/** Checks {@link EnumName}; its message names the constants ({@code must be one of [A, B]}). */
public class EnumNameValidator implements ConstraintValidator<EnumName, String> {

    private Enum<?>[] constants;

    private String listed;

    @Override
    public void initialize(EnumName annotation) {
        constants = annotation.value().getEnumConstants();
        java.util.List<String> unlisted = Arrays.asList(annotation.unlisted());
        listed = Arrays.stream(constants)
                .map(Enum::name)
                .filter(name -> !unlisted.contains(name))
                .toList()
                .toString();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || Arrays.stream(constants).anyMatch(c -> c.name().equals(value))) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // no user text in the template: only the constants' names, which hold no expression characters
        context.buildConstraintViolationWithTemplate("must be one of " + listed).addConstraintViolation();
        return false;
    }
}
