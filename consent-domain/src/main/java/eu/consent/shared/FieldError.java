package eu.consent.shared;

/** One broken rule on one input field, named by its JSON path (e.g. {@code postalAddress.city}). */
public record FieldError(String field, String message) {}
