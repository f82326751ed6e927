package eu.consent.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;
import jakarta.transaction.Transactional;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The boundary of a domain service: one application-scoped bean whose public methods each run in one transaction.
 * A CDI stereotype rather than an EJB, so the domain's own exceptions reach the web layer's mappers unwrapped (and,
 * through {@link OrdinaryOutcomes}, without an FFDC incident file for each of them).
 */
@Stereotype
@ApplicationScoped
@Transactional
@OrdinaryOutcomes
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Service {}
