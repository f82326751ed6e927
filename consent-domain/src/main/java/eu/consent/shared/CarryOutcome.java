package eu.consent.shared;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Inside the transaction interceptor (a higher priority than its {@code PLATFORM_BEFORE + 200}): a domain exception
 * marks the transaction for rollback, as a runtime exception would, and leaves as a {@link CarriedOutcome}.
 */
@Interceptor
@OrdinaryOutcomes
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class CarryOutcome {

    @Resource
    TransactionSynchronizationRegistry transactions;

    @AroundInvoke
    Object carry(InvocationContext call) throws Exception {
        try {
            return call.proceed();
        } catch (DomainException outcome) {
            if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                transactions.setRollbackOnly();
            }
            throw new CarriedOutcome(outcome);
        }
    }
}
