/**
 * Bean Validation of request bodies: the constraints the request records declare ({@link EnumName}, {@link UuidText},
 * the standard ones), checked by {@link RequestChecks} into the same per-field errors, in the same order, that the
 * problem+json answers have always listed.
 */
package eu.consent.web.validation;
