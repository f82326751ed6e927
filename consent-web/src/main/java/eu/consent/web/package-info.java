/** The HTTP face of the service: the JAX-RS application, its roles and the internal API under {@code /api/v1}. */
package eu.consent.web;
