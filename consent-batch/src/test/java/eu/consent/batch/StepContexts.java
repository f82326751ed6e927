package eu.consent.batch;

import jakarta.batch.runtime.context.StepContext;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;

/** A step context that keeps its user data and exit status: what the readers and writers of a step share. */
public final class StepContexts {

    private StepContexts() {}

    public static StepContext holding(Object transientUserData) {
        AtomicReference<Object> data = new AtomicReference<>(transientUserData);
        AtomicReference<Object> persistent = new AtomicReference<>();
        AtomicReference<Object> exitStatus = new AtomicReference<>();
        return (StepContext) Proxy.newProxyInstance(
                StepContext.class.getClassLoader(), new Class<?>[] {StepContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getTransientUserData":
                            return data.get();
                        case "setTransientUserData":
                            data.set(args[0]);
                            return null;
                        case "getPersistentUserData":
                            return persistent.get();
                        case "setPersistentUserData":
                            persistent.set(args[0]);
                            return null;
                        case "getExitStatus":
                            return exitStatus.get();
                        case "setExitStatus":
                            exitStatus.set(args[0]);
                            return null;
                        case "getStepName":
                            return "test-step";
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
