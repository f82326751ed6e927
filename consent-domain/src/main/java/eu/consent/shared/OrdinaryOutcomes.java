package eu.consent.shared;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the two interceptors that carry a {@link DomainException} across the container's transaction interceptor.
 * Liberty writes an FFDC incident file for every runtime exception that leaves a transactional method, so an
 * ordinary 404 or 409 would fill the server's {@code logs/ffdc} with false alarms and bury the real ones.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OrdinaryOutcomes {}
