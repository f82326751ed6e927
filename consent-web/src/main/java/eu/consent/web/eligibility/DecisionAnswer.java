package eu.consent.web.eligibility;

import eu.consent.eligibility.DecisionService;
import eu.consent.eligibility.DecisionUnavailableException;
import eu.consent.eligibility.Verdict;
import eu.consent.operations.ServiceMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A single decision's answer, the same whichever way it came in ({@link DecisionResource#decide} or
 * {@link DecisionFastPath}): the verdict counted by rule and time, a database that did not answer counted as failed
 * closed, and the view the client reads. The view always completes: a failure while counting or viewing fails it
 * (the caller answers the problem) instead of leaving the request suspended.
 */
final class DecisionAnswer {

    private DecisionAnswer() {}

    /** {@code start}: {@link System#nanoTime()} when the request began to be decided. */
    static CompletableFuture<DecisionView> of(CompletionStage<Verdict> decision, ServiceMetrics metrics, long start) {
        CompletableFuture<DecisionView> view = new CompletableFuture<>();
        decision.whenComplete((verdict, failure) -> {
            if (failure != null) {
                Throwable cause = DecisionService.cause(failure);
                if (cause instanceof DecisionUnavailableException) {
                    metrics.failedClosed();
                }
                view.completeExceptionally(cause);
                return;
            }
            try {
                metrics.decided(verdict, System.nanoTime() - start);
                view.complete(DecisionView.of(verdict.decision()));
            } catch (RuntimeException e) {
                view.completeExceptionally(e);
            }
        });
        return view;
    }
}
