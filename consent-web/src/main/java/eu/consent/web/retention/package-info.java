/** {@code /api/v1/reactivation-candidates}: the re-permission list the {@code reactivation-flag} job keeps. */
package eu.consent.web.retention;
