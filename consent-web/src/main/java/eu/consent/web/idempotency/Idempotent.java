package eu.consent.web.idempotency;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a write endpoint that honours the {@code Idempotency-Key} header. */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Idempotent {

    /**
     * The body is an upload the endpoint streams (an import, a snapshot): it is hashed as the endpoint reads it, never
     * held in memory; a retry with the key reads its own body through to compare.
     */
    boolean streamed() default false;
}
