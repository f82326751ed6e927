package eu.consent.shared;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Outside the transaction interceptor (a lower priority than its {@code PLATFORM_BEFORE + 200}): gives the caller
 * back the domain exception that {@link CarryOutcome} wrapped, after the transaction was rolled back.
 */
@Interceptor
@OrdinaryOutcomes
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ReleaseOutcome {

    @AroundInvoke
    Object release(InvocationContext call) throws Exception {
        try {
            return call.proceed();
        } catch (Exception e) {
            // The transaction interceptor may hand it back wrapped (in a TransactionalException, once it rolled back).
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CarriedOutcome carried) {
                    throw carried.outcome();
                }
            }
            throw e;
        }
    }
}
